package io.tollgate.catalog.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.authentication.Authentication;
import io.tollgate.catalog.handler.Caller;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.security.TollgateTokenValidator;

import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** The caller of a request, from what common's token validator recorded of its verified token. */
final class Callers {
    /** The header a client (or a proxy in front) names its request by. */
    static final String REQUEST_ID = "X-Request-Id";
    private static final String ATTRIBUTE = "tollgate.request-id";
    // A caller's id is kept only when it is short and plain: it goes into logs and the audit table.
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private Callers() {
    }

    static Caller of(Authentication authentication) {
        String tenant = TollgateTokenValidator.tenantOf(authentication);
        // The shared rule of roles to access classes, on the roles the validator let through.
        Principal principal = new Principal(authentication.getName(), tenant == null ? "" : tenant,
                Set.copyOf(authentication.getRoles()), Set.of(), null, null, null);
        String requestId = ServerRequestContext.currentRequest().map(Callers::requestId)
                .orElseGet(() -> UUID.randomUUID().toString());
        return new Caller(principal.tenantId(), AccessClass.of(principal), principal.roles(),
                authentication.getName(), requestId);
    }

    /** The request's id: the caller's {@value #REQUEST_ID} when plain, else one made once per request. */
    static String requestId(HttpRequest<?> request) {
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String given = request.getHeaders().get(REQUEST_ID);
            String id = given != null && PLAIN.matcher(given).matches() ? given : UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }
}
