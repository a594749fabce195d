package io.tollgate.flight.auth;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * Turns a call's {@code Authorization} header into a verified principal: a bearer token is
 * verified locally; Basic credentials are forwarded to auth-service, whose token is then handed
 * back to the client to use on later calls. Every refusal is UNAUTHENTICATED with one message.
 */
@Singleton
public class CallAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(CallAuthenticator.class);
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    static final String REFUSED = "invalid credentials";

    private final TokenVerifier verifier;
    private final AuthServiceGrpc.AuthServiceBlockingStub authService;
    private final FlightConfig config;

    public CallAuthenticator(TokenVerifier verifier, AuthServiceGrpc.AuthServiceBlockingStub authService,
                             FlightConfig config) {
        this.verifier = verifier;
        this.authService = authService;
        this.config = config;
    }

    /** The outcome of authenticating one call: who, and a token to hand back after a login. */
    public record Authenticated(Principal principal, String issuedToken) {
    }

    public Authenticated authenticate(String authorization) {
        if (authorization == null) {
            throw refused();
        }
        if (regionMatches(authorization, BEARER)) {
            return new Authenticated(verify(authorization.substring(BEARER.length()).trim()), null);
        }
        if (regionMatches(authorization, BASIC)) {
            String token = login(authorization.substring(BASIC.length()).trim());
            return new Authenticated(verify(token), token);
        }
        throw refused();
    }

    private Principal verify(String token) {
        try {
            return verifier.verify(token);
        } catch (InvalidTokenException e) {
            if (e.reason() == InvalidTokenException.Reason.KEYS_UNAVAILABLE) {
                throw CallStatus.UNAVAILABLE.withDescription("token keys unavailable").toRuntimeException();
            }
            throw refused();
        }
    }

    private String login(String basicCredentials) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(basicCredentials), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw refused();
        }
        try {
            // Wait (within the deadline) for a channel that is reconnecting, e.g. while auth-service
            // restarts, instead of failing at once.
            AuthenticateResponse response = authService
                    .withWaitForReady()
                    .withDeadlineAfter(config.loginTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .authenticate(AuthenticateRequest.newBuilder()
                            .setUsername(decoded.substring(0, colon))
                            .setPassword(decoded.substring(colon + 1))
                            .setClientAddress(ClientAddressInterceptor.current())
                            .build());
            return response.getAccessToken();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNAUTHENTICATED) {
                throw refused();
            }
            if (e.getStatus().getCode() == Status.Code.RESOURCE_EXHAUSTED) {
                throw CallStatus.RESOURCE_EXHAUSTED.withDescription("too many login attempts; retry later")
                        .toRuntimeException();
            }
            LOG.warn("login could not reach auth-service: {}", e.getStatus().getCode());
            throw CallStatus.UNAVAILABLE.withDescription("authentication service unavailable").toRuntimeException();
        }
    }

    private static boolean regionMatches(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    private static FlightRuntimeException refused() {
        return CallStatus.UNAUTHENTICATED.withDescription(REFUSED).toRuntimeException();
    }
}
