package io.tollgate.auth;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.service.ServiceReplica;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One auth-service replica started for a test, on testkit's {@link ServiceReplica} (HTTP and gRPC
 * on ports the kernel chose), on a given database, with auth's test defaults and its clients.
 * Several can share one database, as replicas behind one Kubernetes Service do.
 */
public final class AuthServer implements AutoCloseable {
    private final ServiceReplica replica;
    /** Held open for a replica started without a router: connections to it are closed at once. */
    private final PortForward unreachableRouter;
    private ManagedChannel envoy;

    private AuthServer(ServiceReplica replica, PortForward unreachableRouter) {
        this.replica = replica;
        this.unreachableRouter = unreachableRouter;
    }

    /**
     * Starts a replica. Defaults for tests: cheap Argon2 parameters, rate limits too high to get in
     * the way; {@code properties} override them. Without a {@code router}, router-service is
     * unreachable: a port held open that closes every connection.
     */
    public static AuthServer start(PostgresDatabase db, RegistryDouble router, Map<String, Object> properties) {
        PortForward unreachableRouter = router == null ? PortForward.open() : null;
        Map<String, Object> all = new HashMap<>(db.datasourceProperties());
        all.put("grpc.channels.router.address",
                router == null ? "localhost:" + unreachableRouter.port() : router.address());
        all.put("tollgate.auth.argon2.memory-kib", 1024);
        all.put("tollgate.auth.argon2.iterations", 1);
        all.put("tollgate.auth.rate-limit.account-capacity", 10_000);
        all.put("tollgate.auth.rate-limit.address-capacity", 10_000);
        all.putAll(properties);
        try {
            AuthServer server = new AuthServer(ServiceReplica.start("auth-service", "flight-service", all), unreachableRouter);
            if (router != null) {
                try {
                    router.follow(server.context().getBean(TenantDirectory.class));
                } catch (RuntimeException | AssertionError e) {
                    server.close();
                    throw e;
                }
            }
            return server;
        } catch (RuntimeException e) {
            if (unreachableRouter != null) {
                unreachableRouter.close();
            }
            throw e;
        }
    }

    public ApplicationContext context() {
        return replica.context();
    }

    /** The port its gRPC server bound. */
    public int grpcPort() {
        return replica.grpcPort();
    }

    /** An absolute URL on this replica's HTTP port. */
    public URI uri(String path) {
        return replica.uri(path);
    }

    /** A channel as flight-service, a caller of the internal AuthService. */
    public ManagedChannel channel() {
        return replica.channel();
    }

    /** A channel as Envoy, the caller of ext_authz's Check. */
    public synchronized ManagedChannel envoyChannel() {
        if (envoy == null) {
            envoy = replica.channelAs("envoy");
        }
        return envoy;
    }

    public AuthServiceGrpc.AuthServiceBlockingStub auth() {
        return AuthServiceGrpc.newBlockingStub(channel()).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    public AuthServiceGrpc.AuthServiceStub authAsync() {
        return AuthServiceGrpc.newStub(channel());
    }

    /** A verifier as the other services build it, fetching this replica's JWKS over HTTP. */
    public TokenVerifier verifier(String... algorithms) {
        List<String> accepted = algorithms.length == 0 ? List.of("RS256") : List.of(algorithms);
        return TokenVerifier.fromJwksUri(new TokenVerifierConfig("tollgate", "tollgate", uri("/oauth2/jwks"),
                accepted, Duration.ofSeconds(30), 8192, 1000, Duration.ofMinutes(5)));
    }

    @Override
    public void close() {
        replica.close();
        if (unreachableRouter != null) {
            unreachableRouter.close();
        }
    }
}
