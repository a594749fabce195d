package io.tollgate.common.auth;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Turns a call's credentials into a verified principal, for any front door (Flight SQL, gRPC,
 * HTTP), which only takes the credentials off its wire and maps a {@link CallRefusedException} to
 * its own status. A bearer token is verified locally ({@link TokenVerifier}: signature, claims,
 * expiry, revocations streamed from auth-service); a login (user and password) goes to
 * auth-service's Authenticate RPC, and the token it issues is verified like any other.
 *
 * <p>Every refused credential gets one message, whichever failed, so that a caller cannot tell an
 * unknown user from a wrong password. A token that verifies but was not issued for this front
 * door's protocol is a permission the caller lacks, not a failed authentication: retrying or
 * prompting for a password cannot help.
 */
public final class CallAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(CallAuthenticator.class);

    private final TokenVerifier verifier;
    private final AuthServiceGrpc.AuthServiceBlockingStub authService;
    private final Duration loginTimeout;
    private final ProtocolScope scope;

    /**
     * @param authService  auth-service, for logins
     * @param loginTimeout how long a login may wait for auth-service, reconnecting included
     * @param scope        the protocol every token must have been issued for
     */
    public CallAuthenticator(TokenVerifier verifier, AuthServiceGrpc.AuthServiceBlockingStub authService,
                             Duration loginTimeout, ProtocolScope scope) {
        this.verifier = verifier;
        this.authService = authService;
        this.loginTimeout = loginTimeout;
        this.scope = scope;
    }

    /** A login's outcome: the token auth-service issued (to hand back to the client) and whom it speaks for. */
    public record Login(String token, Principal principal) {
    }

    /**
     * The principal a bearer token speaks for.
     *
     * @throws CallRefusedException unless the token verifies, is unrevoked and carries the scope
     */
    public Principal bearer(String token) throws CallRefusedException {
        Principal principal;
        try {
            principal = verifier.verify(token);
        } catch (InvalidTokenException e) {
            if (e.reason() == InvalidTokenException.Reason.KEYS_UNAVAILABLE) {
                throw new CallRefusedException(CallRefusedException.Reason.UNAVAILABLE, "token keys unavailable");
            }
            throw CallRefusedException.invalidCredentials();
        }
        if (!scope.isGrantedIn(principal.scopes())) {
            throw new CallRefusedException(CallRefusedException.Reason.SCOPE_NOT_GRANTED, scope.refusal());
        }
        return principal;
    }

    /**
     * Logs in through auth-service and verifies the token it issues.
     *
     * @param clientAddress the caller's address as the front door saw it, for auth-service's
     *                      throttling and audit; empty when unknown
     * @throws CallRefusedException when the credentials are refused, the caller is throttled, or
     *                              auth-service cannot be reached within the login timeout
     */
    public Login login(String username, String password, String clientAddress) throws CallRefusedException {
        if (username == null || username.isEmpty() || password == null) {
            throw CallRefusedException.invalidCredentials();
        }
        String token;
        try {
            // Wait (within the deadline) for a channel that is reconnecting, e.g. while auth-service
            // restarts, instead of failing at once.
            token = authService
                    .withWaitForReady()
                    .withDeadlineAfter(loginTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .authenticate(AuthenticateRequest.newBuilder()
                            .setUsername(username)
                            .setPassword(password)
                            .setClientAddress(clientAddress == null ? "" : clientAddress)
                            .build())
                    .getAccessToken();
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            if (code == Status.Code.UNAUTHENTICATED) {
                throw CallRefusedException.invalidCredentials();
            }
            if (code == Status.Code.RESOURCE_EXHAUSTED) {
                throw new CallRefusedException(CallRefusedException.Reason.TOO_MANY_ATTEMPTS,
                        "too many login attempts; retry later");
            }
            LOG.warn("login could not reach auth-service: {}", code);
            throw new CallRefusedException(CallRefusedException.Reason.UNAVAILABLE,
                    "authentication service unavailable");
        }
        return new Login(token, bearer(token));
    }
}
