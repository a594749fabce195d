package io.tollgate.catalog;

import com.google.protobuf.Timestamp;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import io.tollgate.proto.auth.v1.Principal;
import io.tollgate.proto.auth.v1.Revocation;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.testkit.service.NeighbourServer;
import io.tollgate.testkit.tokens.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real gRPC AuthService for the catalog's two uses of auth-service's contract: it exchanges the
 * client credentials it knows for tokens signed with the test's key (as auth-service would, a
 * service client's or an account's), refusing any other with UNAUTHENTICATED, and streams the
 * revocations a test makes. It serves with auth-service's certificate. A stand-in for our
 * neighbour's contract, not for any catalog code; auth-service's own side is tested there.
 */
final class IdentityDouble implements AutoCloseable {
    /** What it was asked to exchange: id, client address and scopes, never the secret. */
    record Exchange(String clientId, String clientAddress, List<String> scopes) {
    }

    /** A credential it knows: secret, subject's tenant and roles. */
    record Known(String secret, String tenantId, List<String> roles) {
    }

    private final NeighbourServer server;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<StreamObserver<WatchRevocationsResponse>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();

    IdentityDouble(TestTokens tokens, Map<String, Known> known) {
        this(tokens, known, List.of());
    }

    /** Serving behind these interceptors (e.g. auth-service's tracing). */
    IdentityDouble(TestTokens tokens, Map<String, Known> known, List<ServerInterceptor> interceptors) {
        AuthServiceGrpc.AuthServiceImplBase service = new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void exchangeClientCredentials(ExchangeClientCredentialsRequest request,
                                                  StreamObserver<ExchangeClientCredentialsResponse> response) {
                exchanges.add(new Exchange(request.getClientId(), request.getClientAddress(), request.getScopesList()));
                Known credential = known.get(request.getClientId());
                if (credential == null || !credential.secret().equals(request.getClientSecret())) {
                    response.onError(Status.UNAUTHENTICATED.withDescription("invalid credentials").asRuntimeException());
                    return;
                }
                Instant now = Instant.now();
                String token = tokens.sign(tokens.baseClaims(request.getClientId(), credential.tenantId(),
                                credential.roles(), now, now.plus(Duration.ofMinutes(15)))
                        .claim("scope", String.join(" ", request.getScopesList())).build());
                response.onNext(ExchangeClientCredentialsResponse.newBuilder().setAccessToken(token)
                        .setTokenType("Bearer").setExpiresInSeconds(900)
                        .setPrincipal(Principal.newBuilder().setSubject(request.getClientId())
                                .setTenantId(credential.tenantId()).addAllRoles(credential.roles())
                                .addAllScopes(request.getScopesList()))
                        .build());
                response.onCompleted();
            }

            @Override
            public void watchRevocations(WatchRevocationsRequest request,
                                         StreamObserver<WatchRevocationsResponse> response) {
                // Caught up at once (nothing revoked yet); the stream stays open for what comes.
                response.onNext(WatchRevocationsResponse.newBuilder().setCaughtUp(true).build());
                watchers.add(response);
            }
        };
        server = NeighbourServer.start("auth-service", () -> ServerInterceptors.intercept(service, interceptors));
    }

    /** Streams the revocation of one token (by its jti) to every watcher, as auth-service does. */
    void revokeToken(String tokenId) {
        Instant now = Instant.now();
        Revocation revocation = Revocation.newBuilder().setSequence(sequence.incrementAndGet())
                .setTarget(RevocationTarget.newBuilder().setTokenId(tokenId))
                .setRevokedAt(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .setExpiresAt(Timestamp.newBuilder().setSeconds(now.plus(Duration.ofHours(1)).getEpochSecond()))
                .build();
        for (StreamObserver<WatchRevocationsResponse> watcher : watchers) {
            try {
                watcher.onNext(WatchRevocationsResponse.newBuilder().addRevocations(revocation).build());
            } catch (RuntimeException gone) {
                watchers.remove(watcher);
            }
        }
    }

    List<Exchange> exchanges() {
        return new ArrayList<>(exchanges);
    }

    String address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
