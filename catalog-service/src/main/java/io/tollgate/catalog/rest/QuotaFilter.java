package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;
import io.tollgate.catalog.quota.QuotaExceededException;
import io.tollgate.catalog.quota.TenantQuotas;
import io.tollgate.common.security.TollgateTokenValidator;

import java.util.regex.Pattern;

/**
 * Every authenticated call counts against its tenant's quotas, after the token and its scope are
 * checked and before any controller runs (so a tenant over its rate costs no parsing, database or
 * storage work): 429 in Iceberg's error form with {@code Retry-After} in seconds. A commit (to a
 * table, a view, or a multi-table transaction) also counts against commits per minute. Calls
 * without a verified token (the token endpoint, health) are not counted here.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class QuotaFilter implements Ordered {
    /** The type of a 429 in Iceberg's error form; Iceberg's clients retry it after Retry-After. */
    static final String TYPE = "TooManyRequestsException";
    private static final Pattern COMMIT = Pattern.compile(
            "/v1/[^/]+/(namespaces/[^/]+/(tables|views)/[^/]+|transactions/commit)/?");

    private final TenantQuotas quotas;

    public QuotaFilter(TenantQuotas quotas) {
        this.quotas = quotas;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<IcebergErrorResponse> admit(HttpRequest<?> request) {
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        String tenant = caller == null ? null : TollgateTokenValidator.tenantOf(caller);
        if (tenant == null) {
            return null;
        }
        try {
            quotas.admit(tenant, isCommit(request));
            return null;
        } catch (QuotaExceededException e) {
            return HttpResponse.<IcebergErrorResponse>status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                    .body(IcebergErrorResponse.of(HttpStatus.TOO_MANY_REQUESTS.getCode(), TYPE, e.getMessage()));
        }
    }

    static boolean isCommit(HttpRequest<?> request) {
        return request.getMethod() == HttpMethod.POST && COMMIT.matcher(request.getPath()).matches();
    }

    /** After {@link CatalogScopeFilter}: a token without the catalog scope is refused, not counted. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 1;
    }
}
