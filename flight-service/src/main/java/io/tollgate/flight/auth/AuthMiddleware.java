package io.tollgate.flight.auth;

import io.tollgate.common.auth.Principal;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallInfo;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightServerMiddleware;
import org.apache.arrow.flight.RequestContext;

/**
 * Authenticates every Flight call before it reaches the producer, and carries the verified
 * principal to it. A call without acceptable credentials never reaches the producer. Only moves
 * headers: {@link FlightCallAuthenticator} decides. After a Basic login the issued bearer token is
 * returned in the response headers, as Flight clients expect from a handshake; the session cookie
 * ({@link SessionCookie}), when the authenticator hands one out, goes in {@code set-cookie}.
 */
public final class AuthMiddleware implements FlightServerMiddleware {
    /** The key under which the producer finds this middleware in its call context. */
    public static final Key<AuthMiddleware> KEY = Key.of("tollgate-auth");
    /** The call's request-context entry naming the verified tenant, for middleware that counts calls. */
    public static final String TENANT = "tollgate.tenant";

    private final Principal principal;
    private final String issuedToken;
    private final String setCookie;

    private AuthMiddleware(FlightCallAuthenticator.Authenticated authenticated) {
        this.principal = authenticated.principal();
        this.issuedToken = authenticated.issuedToken();
        this.setCookie = authenticated.setCookie();
    }

    public Principal principal() {
        return principal;
    }

    @Override
    public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
        if (issuedToken != null) {
            outgoingHeaders.insert("authorization", "Bearer " + issuedToken);
        }
        if (setCookie != null) {
            outgoingHeaders.insert("set-cookie", setCookie);
        }
    }

    @Override
    public void onCallCompleted(CallStatus status) {
    }

    @Override
    public void onCallErrored(Throwable err) {
    }

    /** Makes one {@link AuthMiddleware} per call, or refuses the call. */
    public static final class Factory implements FlightServerMiddleware.Factory<AuthMiddleware> {
        private final FlightCallAuthenticator authenticator;

        public Factory(FlightCallAuthenticator authenticator) {
            this.authenticator = authenticator;
        }

        @Override
        public AuthMiddleware onCallStarted(CallInfo info, CallHeaders incomingHeaders, RequestContext context) {
            AuthMiddleware middleware = new AuthMiddleware(authenticator.authenticateHeaders(
                    incomingHeaders.getAll("authorization"), incomingHeaders.getAll("cookie")));
            context.put(TENANT, middleware.principal().tenantId());
            return middleware;
        }
    }
}
