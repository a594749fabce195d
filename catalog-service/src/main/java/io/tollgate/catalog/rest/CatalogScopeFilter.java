package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.tollgate.common.auth.ProtocolScope;
import io.tollgate.common.security.TollgateTokenValidator;

/**
 * Every catalog call needs a token issued for the catalog: one whose {@code scope} lacks
 * {@code catalog} (e.g. asked for SQL only) is refused with 403 ForbiddenException naming the
 * scope, whatever the route (every one, so that no new route can forget it), before any controller
 * runs. Calls without a verified token are left to the security rules: 401, or served where they
 * allow anonymous callers ({@code /health}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class CatalogScopeFilter implements Ordered {

    @RequestFilter
    @Nullable
    public HttpResponse<IcebergErrorResponse> requireCatalogScope(HttpRequest<?> request) {
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        if (caller == null || ProtocolScope.CATALOG.isGrantedIn(TollgateTokenValidator.scopesOf(caller))) {
            return null;
        }
        return HttpResponse.<IcebergErrorResponse>status(HttpStatus.FORBIDDEN)
                .body(IcebergErrorResponse.of(403, "ForbiddenException", ProtocolScope.CATALOG.refusal()));
    }

    /** After the security filter, which verifies the token. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
