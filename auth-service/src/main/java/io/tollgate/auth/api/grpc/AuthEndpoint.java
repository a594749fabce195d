package io.tollgate.auth.api.grpc;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.auth.service.AuthenticationService;
import io.tollgate.common.auth.Principal;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AuthService on the gRPC port. Only Authenticate for now; Introspect, Revoke and
 * WatchRevocations answer UNIMPLEMENTED (the generated base class) until they land.
 */
@Singleton
public class AuthEndpoint extends AuthServiceGrpc.AuthServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(AuthEndpoint.class);
    private static final String TOKEN_TYPE = "Bearer";

    private final AuthenticationService authentication;

    public AuthEndpoint(AuthenticationService authentication) {
        this.authentication = authentication;
    }

    @Override
    public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
        // Never log the request: it carries the password.
        try {
            IssuedToken token = authentication.authenticate(
                    request.getUsername(), request.getPassword(), request.getClientAddress());
            response.onNext(toResponse(token));
            response.onCompleted();
        } catch (AuthenticationFailedException e) {
            response.onError(Status.UNAUTHENTICATED.withDescription(AuthenticationFailedException.MESSAGE)
                    .asRuntimeException());
        } catch (RuntimeException e) {
            LOG.error("Authenticate failed unexpectedly", e);
            response.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
        }
    }

    private static AuthenticateResponse toResponse(IssuedToken token) {
        Principal principal = token.principal();
        return AuthenticateResponse.newBuilder()
                .setAccessToken(token.accessToken())
                .setTokenType(TOKEN_TYPE)
                .setExpiresInSeconds(token.expiresIn().toSeconds())
                .setPrincipal(io.tollgate.proto.auth.v1.Principal.newBuilder()
                        .setSubject(principal.subject())
                        .setTenantId(principal.tenantId())
                        .addAllRoles(principal.roles().stream().sorted().toList())
                        .addAllScopes(principal.scopes().stream().sorted().toList()))
                .build();
    }
}
