package io.tollgate.common.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.token.validator.TokenValidator;

import java.util.Map;
import java.util.Optional;

/**
 * Refuses, with 400, every request that carries more than one {@code Authorization} header, before
 * Micronaut Security reads one of them: which copy a reader takes (the first, the last, a join) is
 * an accident of the library, and a proxy in front may check another copy than the service uses.
 * Present in every service that takes bearer tokens over HTTP (it needs Micronaut Security).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(classes = TokenValidator.class)
public class SingleAuthorizationHeaderFilter implements Ordered {
    /** The refusal's text. */
    public static final String MESSAGE = "more than one Authorization header";

    private final RefusalBody body;

    public SingleAuthorizationHeaderFilter(Optional<RefusalBody> body) {
        this.body = body.orElse((status, message) -> Map.of("error", "invalid_request", "error_description", message));
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseDuplicates(HttpRequest<?> request) {
        if (request.getHeaders().getAll(HttpHeaders.AUTHORIZATION).size() <= 1) {
            return null;
        }
        return HttpResponse.status(HttpStatus.BAD_REQUEST)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body.of(HttpStatus.BAD_REQUEST.getCode(), MESSAGE));
    }

    /** Before the security filter, so that no copy is ever read. */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }
}
