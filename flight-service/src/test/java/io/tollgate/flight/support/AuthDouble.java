package io.tollgate.flight.support;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.testkit.tokens.TestTokens;

import java.time.Duration;
import java.util.List;

/**
 * auth-service's contract as flight-service consumes it, served from fixed data: the revocation
 * stream (caught up, nothing revoked) and password login (any {@code name@tenant} with one
 * password, as a writer). A real gRPC implementation of the contract, not a stand-in for
 * flight-service's own classes.
 */
final class AuthDouble {
    private AuthDouble() {
    }

    static AuthServiceGrpc.AuthServiceImplBase acceptingPassword(TestTokens tokens, String password) {
        return new AuthServiceGrpc.AuthServiceImplBase() {
            @Override
            public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
                int at = request.getUsername().indexOf('@');
                if (at <= 0 || !request.getPassword().equals(password)) {
                    response.onError(Status.UNAUTHENTICATED.withDescription("invalid credentials").asRuntimeException());
                    return;
                }
                String token = tokens.mint(request.getUsername(), request.getUsername().substring(at + 1),
                        List.of("writer"), Duration.ofMinutes(10));
                response.onNext(AuthenticateResponse.newBuilder().setAccessToken(token).setTokenType("Bearer")
                        .setExpiresInSeconds(600).build());
                response.onCompleted();
            }

            @Override
            public void watchRevocations(WatchRevocationsRequest request,
                                         StreamObserver<WatchRevocationsResponse> response) {
                response.onNext(WatchRevocationsResponse.newBuilder().setCaughtUp(true).build());
            }
        };
    }
}
