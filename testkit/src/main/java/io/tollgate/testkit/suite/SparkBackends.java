package io.tollgate.testkit.suite;

import io.tollgate.testkit.spark.SparkConnectServer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * One local Spark Connect server per demo tenant ({@code ./tollgate up --spark}), each in its own
 * directory under the suite's state, each requiring a backend token of its own that only the
 * registry (and through it connect-service) knows: the tenant's Spark Connect upstream. Started side
 * by side, as they take seconds each.
 */
final class SparkBackends implements AutoCloseable {
    /** The upstream's name in each demo tenant's registry entry. */
    static final String UPSTREAM = "spark";
    private static final String MAX_HEAP = "768m";

    private final Map<String, SparkConnectServer> servers;
    private final Map<String, String> tokens;

    private SparkBackends(Map<String, SparkConnectServer> servers, Map<String, String> tokens) {
        this.servers = servers;
        this.tokens = tokens;
    }

    /** Starts a server for each tenant and waits until every one listens. */
    static SparkBackends start(Path stateDir, DemoSecrets secrets, List<DemoTenant> tenants) {
        Map<String, String> tokens = new LinkedHashMap<>();
        Map<String, CompletableFuture<SparkConnectServer>> starting = new LinkedHashMap<>();
        for (DemoTenant tenant : tenants) {
            String token = secrets.get("spark." + tenant.id() + ".backend-token");
            tokens.put(tenant.id(), token);
            SparkConnectServer.Settings settings = new SparkConnectServer.Settings(
                    stateDir.resolve("spark").resolve(tenant.id()).toAbsolutePath(), token, MAX_HEAP);
            starting.put(tenant.id(), CompletableFuture.supplyAsync(() -> SparkConnectServer.start(settings)));
        }
        Map<String, SparkConnectServer> servers = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (Map.Entry<String, CompletableFuture<SparkConnectServer>> server : starting.entrySet()) {
            try {
                servers.put(server.getKey(), server.getValue().join());
            } catch (CompletionException e) {
                failure = failure == null ? new IllegalStateException("a Spark Connect server did not start: "
                        + e.getCause().getMessage(), e.getCause()) : failure;
            }
        }
        SparkBackends backends = new SparkBackends(servers, tokens);
        if (failure != null) {
            backends.close();
            throw failure;
        }
        return backends;
    }

    /** A tenant's server, {@code localhost:<port>}: what the registry routes to. */
    String endpoint(DemoTenant tenant) {
        return servers.get(tenant.id()).endpoint();
    }

    /** What a tenant's server has logged so far (e.g. the user ids its sessions were opened for). */
    String log(DemoTenant tenant) {
        return servers.get(tenant.id()).log();
    }

    /** The tenant's upstream as the registry's bootstrap file takes it. */
    Map<String, Object> upstream(DemoTenant tenant) {
        return Map.of("name", UPSTREAM, "kind", "SPARK_CONNECT", "sparkConnect",
                Map.of("endpoints", List.of(endpoint(tenant)), "backendToken", tokens.get(tenant.id())));
    }

    /** The servers' process ids, for {@code ./tollgate down}. */
    List<Long> pids() {
        return servers.values().stream().map(SparkConnectServer::pid).toList();
    }

    @Override
    public void close() {
        servers.values().forEach(SparkConnectServer::close);
    }
}
