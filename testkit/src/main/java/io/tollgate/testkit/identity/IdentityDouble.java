package io.tollgate.testkit.identity;

import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import io.tollgate.proto.auth.v1.Principal;
import io.tollgate.proto.auth.v1.Revocation;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.testkit.service.NeighbourServer;
import io.tollgate.testkit.service.OpenStreams;
import io.tollgate.testkit.tokens.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * auth-service for a service under test: a real gRPC AuthService on a loopback port, serving as
 * auth-service (its certificate, the caller's required). It logs in what the test declares, with
 * tokens signed by the test's {@link TestTokens} (so the service under test verifies them as it
 * would auth-service's): service clients by their credentials (ExchangeClientCredentials), and
 * accounts by password (Authenticate); anything else is refused with UNAUTHENTICATED, as
 * auth-service refuses it, without saying why. Its revocation stream catches a watcher up with the
 * {@link #revokeToken revocations} the test made (after the sequence the watcher names), then
 * carries each new one.
 */
public final class IdentityDouble implements AutoCloseable {
    private static final Duration CLIENT_TOKEN_LIFETIME = Duration.ofMinutes(15);
    private static final Duration ACCOUNT_TOKEN_LIFETIME = Duration.ofMinutes(10);

    /** A client credential exchange it was asked for: id, client address and scopes, never the secret. */
    public record Exchange(String clientId, String clientAddress, List<String> scopes) {
    }

    /** A service client it knows: its secret, its tenant and roles. */
    public record Client(String secret, String tenantId, List<String> roles) {
    }

    private final TestTokens tokens;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    /** Guarded by {@code this}: what a watcher that joins now catches up with. */
    private final List<Revocation> revoked = new ArrayList<>();
    private final OpenStreams<WatchRevocationsResponse> watchers = new OpenStreams<>();
    private volatile String accountPassword;
    private volatile List<String> accountRoles = List.of();
    private final NeighbourServer server;

    private IdentityDouble(TestTokens tokens, List<ServerInterceptor> interceptors) {
        this.tokens = tokens;
        AuthServiceGrpc.AuthServiceImplBase service = new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
                logIn(request, response);
            }

            @Override
            public void exchangeClientCredentials(ExchangeClientCredentialsRequest request,
                                                  StreamObserver<ExchangeClientCredentialsResponse> response) {
                exchange(request, response);
            }

            @Override
            public void watchRevocations(WatchRevocationsRequest request,
                                         StreamObserver<WatchRevocationsResponse> response) {
                watch(request.getAfterSequence(), response);
            }
        };
        server = NeighbourServer.start("auth-service", () -> ServerInterceptors.intercept(service, interceptors));
    }

    /** An auth-service that knows no one yet, signing with {@code tokens}. */
    public static IdentityDouble start(TestTokens tokens) {
        return new IdentityDouble(tokens, List.of());
    }

    /** The same, serving behind these interceptors (e.g. auth-service's tracing). */
    public static IdentityDouble start(TestTokens tokens, List<ServerInterceptor> interceptors) {
        return new IdentityDouble(tokens, interceptors);
    }

    /** Knows this service client from now on. */
    public IdentityDouble knowClient(String clientId, Client client) {
        clients.put(clientId, client);
        return this;
    }

    /** Logs in every account named {@code name@tenant} that gives {@code password}, with these roles. */
    public IdentityDouble acceptAnyAccountWith(String password, List<String> roles) {
        accountRoles = List.copyOf(roles);
        accountPassword = password;
        return this;
    }

    /** Streams the revocation of one token (by its jti) to every watcher, as auth-service does. */
    public synchronized void revokeToken(String tokenId) {
        Instant now = Instant.now();
        Revocation revocation = Revocation.newBuilder().setSequence(revoked.size() + 1)
                .setTarget(RevocationTarget.newBuilder().setTokenId(tokenId))
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setExpiresAt(Timestamp.newBuilder().setSeconds(now.plus(Duration.ofHours(1)).getEpochSecond()))
                .build();
        revoked.add(revocation);
        watchers.sendToAll(WatchRevocationsResponse.newBuilder().addRevocations(revocation).build());
    }

    /** The client credential exchanges it was asked for, in order. */
    public List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    /** Its address, for {@code grpc.channels.auth.address}. */
    public String address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }

    private void logIn(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
        String password = accountPassword;
        int at = request.getUsername().indexOf('@');
        if (password == null || at <= 0 || !request.getPassword().equals(password)) {
            response.onError(Status.UNAUTHENTICATED.withDescription("invalid credentials").asRuntimeException());
            return;
        }
        String token = tokens.mint(request.getUsername(), request.getUsername().substring(at + 1), accountRoles,
                ACCOUNT_TOKEN_LIFETIME);
        response.onNext(AuthenticateResponse.newBuilder().setAccessToken(token).setTokenType("Bearer")
                .setExpiresInSeconds(ACCOUNT_TOKEN_LIFETIME.toSeconds()).build());
        response.onCompleted();
    }

    private void exchange(ExchangeClientCredentialsRequest request,
                          StreamObserver<ExchangeClientCredentialsResponse> response) {
        exchanges.add(new Exchange(request.getClientId(), request.getClientAddress(), request.getScopesList()));
        Client client = clients.get(request.getClientId());
        if (client == null || !client.secret().equals(request.getClientSecret())) {
            response.onError(Status.UNAUTHENTICATED.withDescription("invalid credentials").asRuntimeException());
            return;
        }
        Instant now = Instant.now();
        String token = tokens.sign(tokens.baseClaims(request.getClientId(), client.tenantId(), client.roles(), now,
                        now.plus(CLIENT_TOKEN_LIFETIME))
                .claim("scope", String.join(" ", request.getScopesList())).build());
        response.onNext(ExchangeClientCredentialsResponse.newBuilder().setAccessToken(token)
                .setTokenType("Bearer").setExpiresInSeconds(CLIENT_TOKEN_LIFETIME.toSeconds())
                .setPrincipal(Principal.newBuilder().setSubject(request.getClientId())
                        .setTenantId(client.tenantId()).addAllRoles(client.roles())
                        .addAllScopes(request.getScopesList()))
                .build());
        response.onCompleted();
    }

    private synchronized void watch(long afterSequence, StreamObserver<WatchRevocationsResponse> response) {
        // Under the lock, so that the catch-up ends where the next live revocation begins.
        watchers.open(response, WatchRevocationsResponse.newBuilder().setCaughtUp(true)
                .addAllRevocations(revoked.stream().filter(r -> r.getSequence() > afterSequence).toList()).build());
    }
}
