package io.tollgate.auth;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.testkit.net.FreePorts;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One auth-service replica started for a test: its Micronaut context with the HTTP and gRPC
 * servers on free ports, on a given database. Several can share one database, as replicas behind
 * one Kubernetes Service do.
 */
public final class AuthServer implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer http;
    private final int grpcPort;
    private final ManagedChannel channel;
    private final ManagedChannel envoyChannel;

    private AuthServer(ApplicationContext context, EmbeddedServer http, int grpcPort) {
        this.context = context;
        this.http = http;
        this.grpcPort = grpcPort;
        this.channel = InternalCertificates.shared().channel(grpcPort, "flight-service", "auth-service");
        this.envoyChannel = InternalCertificates.shared().channel(grpcPort, "envoy", "auth-service");
    }

    /**
     * Starts a replica. Defaults for tests: cheap Argon2 parameters, rate limits too high to get in
     * the way; {@code properties} override them.
     */
    public static AuthServer start(PostgresDatabase db, RouterDouble router, Map<String, Object> properties) {
        return FreePorts.startOnFreePort(grpcPort -> start(db, router, properties, grpcPort));
    }

    private static AuthServer start(PostgresDatabase db, RouterDouble router, Map<String, Object> properties,
                                    int grpcPort) {
        Map<String, Object> all = new HashMap<>(db.datasourceProperties());
        all.put("micronaut.server.port", -1);
        all.put("grpc.server.port", grpcPort);
        all.put("grpc.channels.router.address", router == null ? "localhost:" + FreePorts.freePort() : router.address());
        all.put("tollgate.auth.argon2.memory-kib", 1024);
        all.put("tollgate.auth.argon2.iterations", 1);
        all.put("tollgate.auth.rate-limit.account-capacity", 10_000);
        all.put("tollgate.auth.rate-limit.address-capacity", 10_000);
        all.putAll(InternalCertificates.shared().properties("auth-service"));
        all.putAll(properties);
        ApplicationContext context = ApplicationContext.builder().properties(all).start();
        try {
            EmbeddedServer http = context.getBean(EmbeddedServer.class).start();
            return new AuthServer(context, http, grpcPort);
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    public ApplicationContext context() {
        return context;
    }

    /** An absolute URL on this replica's HTTP port. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + http.getPort() + path);
    }

    /** A channel as flight-service, a caller of the internal AuthService. */
    public ManagedChannel channel() {
        return channel;
    }

    /** A channel as Envoy, the caller of ext_authz's Check. */
    public ManagedChannel envoyChannel() {
        return envoyChannel;
    }

    public AuthServiceGrpc.AuthServiceBlockingStub auth() {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public AuthServiceGrpc.AuthServiceStub authAsync() {
        return AuthServiceGrpc.newStub(channel);
    }

    /** A verifier as the other services build it, fetching this replica's JWKS over HTTP. */
    public TokenVerifier verifier(String... algorithms) {
        List<String> accepted = algorithms.length == 0 ? List.of("RS256") : List.of(algorithms);
        return TokenVerifier.fromJwksUri(new TokenVerifierConfig("tollgate", "tollgate", uri("/oauth2/jwks"),
                accepted, Duration.ofSeconds(30), 8192, 1000, Duration.ofMinutes(5)));
    }

    public int grpcPort() {
        return grpcPort;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        envoyChannel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
            envoyChannel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }
}
