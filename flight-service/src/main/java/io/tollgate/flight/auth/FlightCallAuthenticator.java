package io.tollgate.flight.auth;

import io.tollgate.common.auth.CallAuthenticator;
import io.tollgate.common.auth.CallRefusedException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.error.Incident;
import io.tollgate.flight.config.SessionCookieConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * Takes a Flight call's credentials off its headers and has common's wire-free
 * {@link CallAuthenticator} verify them (revocations included); maps its refusals to Flight
 * statuses. An {@code Authorization} header always decides when present: a bearer token is
 * verified locally; Basic credentials are a login through auth-service, whose token is then
 * handed back to the client to use on later calls. Without that header, the session cookie
 * ({@link SessionCookie}) is verified exactly like a bearer token.
 *
 * <p>A call authenticated by the header gets its token back as the session cookie, unless it sent
 * that very token in the cookie already, so that clients which send their configured headers only
 * with some calls (ADBC's Java driver) present it with the others. The cookie never outlives the
 * token. Every refusal of credentials is UNAUTHENTICATED with one message, whichever credential
 * failed; a call with more than one {@code authorization} header is refused as such, unread.
 *
 * <p>A token that verifies but was not issued for SQL (its {@code scope} lacks {@code sql}, e.g. one
 * asked for the catalog only) is refused with PERMISSION_DENIED naming the scope: the caller is
 * authenticated, and UNAUTHENTICATED would make clients retry the same credentials or prompt for a
 * password that cannot help.
 */
@Singleton
public class FlightCallAuthenticator {
    private static final String BEARER = "Bearer ";
    private static final String BASIC = "Basic ";
    static final String REFUSED = CallRefusedException.INVALID_CREDENTIALS;
    static final String DUPLICATE_AUTHORIZATION = "more than one authorization header";

    private final CallAuthenticator authenticator;
    private final boolean sessionCookie;
    private final Clock clock;

    @Inject
    public FlightCallAuthenticator(CallAuthenticator authenticator, SessionCookieConfig cookieConfig) {
        this(authenticator, cookieConfig, Clock.systemUTC());
    }

    FlightCallAuthenticator(CallAuthenticator authenticator, SessionCookieConfig cookieConfig, Clock clock) {
        this.authenticator = authenticator;
        this.sessionCookie = cookieConfig.enabled();
        this.clock = clock;
    }

    /**
     * The outcome of authenticating one call.
     *
     * @param principal   who the call speaks for
     * @param issuedToken the token a Basic login obtained, to hand back in the {@code authorization}
     *                    response header; null otherwise
     * @param setCookie   the {@code set-cookie} response header value, or null for none
     */
    public record Authenticated(Principal principal, String issuedToken, String setCookie) {
    }

    /**
     * Authenticates a call from its {@code authorization} headers (null or empty when absent) and
     * its {@code cookie} headers (null or empty when absent).
     *
     * @throws FlightRuntimeException UNAUTHENTICATED when the credentials are missing, not
     *                                acceptable or given twice; PERMISSION_DENIED when the token
     *                                lacks the {@code sql} scope; UNAVAILABLE or RESOURCE_EXHAUSTED
     *                                when they could not be checked; INTERNAL (an incident) when
     *                                checking them failed unexpectedly
     */
    public Authenticated authenticateHeaders(Iterable<String> authorizationHeaders, Iterable<String> cookieHeaders) {
        String authorization = null;
        if (authorizationHeaders != null) {
            for (String header : authorizationHeaders) {
                if (authorization != null) {
                    throw CallStatus.UNAUTHENTICATED.withDescription(DUPLICATE_AUTHORIZATION).toRuntimeException();
                }
                authorization = header;
            }
        }
        try {
            return authenticate(authorization, cookieHeaders);
        } catch (FlightRuntimeException e) {
            throw e;
        } catch (RuntimeException e) {
            // Refused before the producer's error mapping: the one policy for the unplanned holds here too.
            throw CallStatus.INTERNAL.withDescription(Incident.record("authenticating a Flight call", e)
                    .publicMessage()).toRuntimeException();
        }
    }

    /**
     * Authenticates a call from its one {@code authorization} header (null when absent) and its
     * {@code cookie} headers (null or empty when absent).
     */
    public Authenticated authenticate(String authorization, Iterable<String> cookieHeaders) {
        if (authorization == null) {
            return new Authenticated(verify(cookieToken(cookieHeaders)), null, null);
        }
        if (regionMatches(authorization, BEARER)) {
            String token = authorization.substring(BEARER.length()).trim();
            Principal principal = verify(token);
            return new Authenticated(principal, null, setCookie(token, principal, cookieHeaders));
        }
        if (regionMatches(authorization, BASIC)) {
            CallAuthenticator.Login login = login(authorization.substring(BASIC.length()).trim());
            return new Authenticated(login.principal(), login.token(),
                    setCookie(login.token(), login.principal(), cookieHeaders));
        }
        throw refused();
    }

    /** The token in the session cookie; refused when there is none, or more than one. */
    private String cookieToken(Iterable<String> cookieHeaders) {
        if (!sessionCookie) {
            throw refused();
        }
        List<String> tokens = SessionCookie.values(cookieHeaders);
        if (tokens.size() != 1) {
            throw refused();
        }
        return tokens.get(0);
    }

    /**
     * The cookie carrying a token that was just accepted from the header, unless the call already
     * sent it; it lives as long as the token does.
     */
    private String setCookie(String token, Principal principal, Iterable<String> cookieHeaders) {
        if (!sessionCookie || !SessionCookie.canCarry(token)
                || SessionCookie.values(cookieHeaders).equals(List.of(token))) {
            return null;
        }
        long maxAge = Duration.between(clock.instant(), principal.expiresAt()).getSeconds();
        return maxAge > 0 ? SessionCookie.setCookie(token, maxAge) : null;
    }

    private Principal verify(String token) {
        try {
            return authenticator.bearer(token);
        } catch (CallRefusedException e) {
            throw toFlight(e);
        }
    }

    private CallAuthenticator.Login login(String basicCredentials) {
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
            return authenticator.login(decoded.substring(0, colon), decoded.substring(colon + 1),
                    ClientAddressInterceptor.current());
        } catch (CallRefusedException e) {
            throw toFlight(e);
        }
    }

    private static FlightRuntimeException toFlight(CallRefusedException refusal) {
        CallStatus status = switch (refusal.reason()) {
            case INVALID_CREDENTIALS -> CallStatus.UNAUTHENTICATED;
            case SCOPE_NOT_GRANTED -> CallStatus.UNAUTHORIZED;
            case TOO_MANY_ATTEMPTS -> CallStatus.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> CallStatus.UNAVAILABLE;
        };
        return status.withDescription(refusal.getMessage()).toRuntimeException();
    }

    private static boolean regionMatches(String header, String scheme) {
        return header.regionMatches(true, 0, scheme, 0, scheme.length());
    }

    private static FlightRuntimeException refused() {
        return CallStatus.UNAUTHENTICATED.withDescription(REFUSED).toRuntimeException();
    }
}
