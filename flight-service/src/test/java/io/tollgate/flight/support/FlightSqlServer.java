package io.tollgate.flight.support;

import com.nimbusds.jwt.SignedJWT;
import io.grpc.ServerInterceptor;
import io.micronaut.context.ApplicationContext;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.TokenClaims;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.common.health.ControlPlaneSync;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.flight.server.FlightEndpointServer;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.identity.IdentityDouble;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tokens.TestTokens;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.util.AutoCloseables;

import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * flight-service as it runs, in this JVM: its Micronaut application context (so every bean is
 * wired as in production), listening on a free port, with its tenants served by testkit's
 * {@link RegistryDouble} and its tokens minted here ({@link TestTokens}) and verified by common's
 * {@link TokenVerifier}, which refuses what {@link #revoke} revoked. Basic logins forwarded to
 * testkit's {@link IdentityDouble} succeed for any {@code name@tenant} with {@link #PASSWORD}, as a
 * writer.
 */
public final class FlightSqlServer implements AutoCloseable {
    private static final String ISSUER = "tollgate-test";
    private static final String AUDIENCE = "tollgate-test";
    public static final String HANDLE_KEY = Base64.getEncoder()
            .encodeToString("flight-sql-test-handle-key-0123456789".getBytes());

    /** The password the test auth service accepts for every account. */
    public static final String PASSWORD = "flight-test-password";

    private final TestTokens tokens = new TestTokens(ISSUER, AUDIENCE);
    private final RevocationSet revocations = new RevocationSet();
    private final RootAllocator clientMemory = new RootAllocator();
    private final List<FlightSqlClient> clients = new CopyOnWriteArrayList<>();
    private final RegistryDouble registry;
    private final IdentityDouble authService;
    private final ApplicationContext context;

    private FlightSqlServer(List<Tenant> tenants, Map<String, Object> properties,
                            List<ServerInterceptor> neighbourInterceptors) {
        // Each with its service's certificate, requiring flight-service's, as the real ones do.
        registry = RegistryDouble.serving(tenants, neighbourInterceptors);
        authService = IdentityDouble.start(tokens, neighbourInterceptors)
                .acceptAnyAccountWith(PASSWORD, List.of("writer"));
        Map<String, Object> config = new HashMap<>();
        config.put("micronaut.server.port", -1);
        config.put("tollgate.flight.host", "127.0.0.1");
        config.put("tollgate.flight.port", 0);
        config.put("tollgate.flight.handle-key", HANDLE_KEY);
        config.put("grpc.channels.router.address", registry.address());
        config.put("grpc.channels.auth.address", authService.address());
        config.putAll(InternalCertificates.shared().properties("flight-service"));
        config.putAll(properties);
        TokenVerifier verifier = new TokenVerifier(new TokenVerifierConfig(ISSUER, AUDIENCE,
                URI.create("http://unused.invalid/jwks"), List.of("RS256"), Duration.ofSeconds(30), 8192, 1000,
                Duration.ofMinutes(5)), tokens.keys(), revocations, Clock.systemUTC());
        ApplicationContext started = null;
        try {
            started = ApplicationContext.builder().properties(config).singletons(verifier).start();
            awaitReady(started.getBean(ControlPlaneSync.class));
            registry.follow(started.getBean(TenantDirectory.class));
        } catch (RuntimeException e) {
            if (started != null) {
                started.close();
            }
            // A test expecting start-up to fail must not leak the registry.
            registry.close();
            authService.close();
            throw e;
        }
        context = started;
    }

    /** As a load balancer would: no test calls a server that has not yet synced its registry. */
    private static void awaitReady(ControlPlaneSync sync) {
        Await.until(sync::ready, Duration.ofSeconds(30), () -> "flight-service ready (" + sync.state() + ")");
    }

    public static FlightSqlServer start(List<Tenant> tenants) {
        return new FlightSqlServer(tenants, Map.of(), List.of());
    }

    public static FlightSqlServer start(List<Tenant> tenants, Map<String, Object> properties) {
        return new FlightSqlServer(tenants, properties, List.of());
    }

    /** With these interceptors on the registry's and auth service's servers (e.g. their tracing). */
    public static FlightSqlServer start(List<Tenant> tenants, Map<String, Object> properties,
                                        ServerInterceptor neighbourInterceptor) {
        return new FlightSqlServer(tenants, properties, List.of(neighbourInterceptor));
    }

    public int port() {
        return context.getBean(FlightEndpointServer.class).port();
    }

    public Location location() {
        return Location.forGrpcInsecure("127.0.0.1", port());
    }

    public ApplicationContext context() {
        return context;
    }

    /**
     * Changes a tenant in the registry, at its next revision, and returns once this server's tenant
     * directory has applied the change.
     */
    public void publish(Tenant changed) {
        registry.upsert(changed);
    }

    /** A valid access token. */
    public String token(String subject, String tenantId, String... roles) {
        return tokens.mint(subject, tenantId, List.of(roles), Duration.ofMinutes(10));
    }

    /** A valid access token whose {@code scope} claim is exactly {@code scope}. */
    public String tokenWithScope(String scope, String subject, String tenantId, String... roles) {
        Instant now = Instant.now();
        return tokens.sign(tokens.baseClaims(subject, tenantId, List.of(roles), now, now.plus(Duration.ofMinutes(10)))
                .claim(TokenClaims.SCOPE, scope).build());
    }

    /** A token that expired ten minutes ago (beyond any clock skew). */
    public String expiredToken(String subject, String tenantId, String... roles) {
        Instant now = Instant.now();
        return tokens.sign(tokens.baseClaims(subject, tenantId, List.of(roles), now.minus(Duration.ofMinutes(30)),
                now.minus(Duration.ofMinutes(10))).build());
    }

    /** A well-formed, unexpired token signed with a key this server does not trust. */
    public String forgedToken(String subject, String tenantId, String... roles) {
        return new TestTokens(ISSUER, AUDIENCE).mint(subject, tenantId, List.of(roles), Duration.ofMinutes(10));
    }

    /** Revokes a token by its id, as a revocation delivered by auth-service would. */
    public void revoke(String token) {
        try {
            revocations.revokeToken(SignedJWT.parse(token).getJWTClaimsSet().getJWTID(),
                    Instant.now().plus(Duration.ofMinutes(10)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    /** The endpoint's location when it serves TLS. */
    public Location tlsLocation() {
        return Location.forGrpcTls("127.0.0.1", port());
    }

    /** A Flight SQL client that sends this bearer token with every call. */
    /** A client sending this token, on memory of the server's own; closed when the server is. */
    public FlightSqlClient client(String token) {
        FlightSqlClient client = client(clientMemory, token);
        clients.add(client);
        return client;
    }

    public FlightSqlClient client(BufferAllocator allocator, String token) {
        return new FlightSqlClient(FlightClient.builder(allocator, location()).intercept(bearer(token)).build());
    }

    /** Client middleware sending this bearer token with every call. */
    public static FlightClientMiddleware.Factory bearer(String token) {
        return info -> new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoing) {
                outgoing.insert("authorization", "Bearer " + token);
            }

            @Override
            public void onHeadersReceived(CallHeaders incoming) {
            }

            @Override
            public void onCallCompleted(org.apache.arrow.flight.CallStatus status) {
            }
        };
    }

    /** The JDBC URL of the Arrow Flight SQL JDBC driver for a token. */
    public String jdbcUrl(String token) {
        return "jdbc:arrow-flight-sql://127.0.0.1:" + port() + "/?useEncryption=false&token=" + token;
    }

    @Override
    public void close() {
        try {
            AutoCloseables.close(clients, List.of(clientMemory));
        } catch (Exception e) {
            throw new IllegalStateException("closing the test clients failed", e);
        } finally {
            context.close();
            registry.close();
            authService.close();
        }
    }
}
