package io.tollgate.auth.api.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
import io.tollgate.common.error.Incident;

import java.util.LinkedHashMap;
import java.util.Map;

/** The OAuth endpoints' responses: JSON, never cached (RFC 6749 §5.1), errors as in §5.2. */
final class OAuthResponses {
    static final String REALM = "Basic realm=\"tollgate\"";
    /** Our answer to "too many requests": RFC 8628's name for "you are polling too fast". */
    static final String SLOW_DOWN = "slow_down";
    private static final long UNAVAILABLE_RETRY_SECONDS = 5;

    private OAuthResponses() {
    }

    static MutableHttpResponse<Object> ok(Object body) {
        return noStore(HttpResponse.ok(body));
    }

    /**
     * 400, or 401 for invalid_client. A 401 always names the Basic scheme (RFC 7235 requires a
     * challenge), whichever way the client tried to authenticate.
     */
    static MutableHttpResponse<Object> error(OAuthException e) {
        if (e.error() == OAuthError.INVALID_CLIENT) {
            return noStore(HttpResponse.status(HttpStatus.UNAUTHORIZED).body(body(e.error().code(), e.description())))
                    .header(HttpHeaders.WWW_AUTHENTICATE, REALM);
        }
        return noStore(HttpResponse.badRequest(body(e.error().code(), e.description())));
    }

    static MutableHttpResponse<Object> rateLimited(RateLimitedException e) {
        return noStore(HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).body(body(SLOW_DOWN, RateLimitedException.MESSAGE)))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
    }

    static MutableHttpResponse<Object> unavailable() {
        return noStore(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .body(body("temporarily_unavailable", TenantStatusUnavailableException.MESSAGE)))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(UNAVAILABLE_RETRY_SECONDS));
    }

    /** RFC 6749's server_error, carrying only the incident's reference (the one error policy). */
    static MutableHttpResponse<Object> serverError(Incident incident) {
        return noStore(HttpResponse.serverError(body("server_error", incident.publicMessage())));
    }

    // Typed Object so that every builder above yields a MutableHttpResponse<Object>.
    private static Object body(String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return body;
    }

    private static MutableHttpResponse<Object> noStore(MutableHttpResponse<Object> response) {
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header(HttpHeaders.PRAGMA, "no-cache");
    }
}
