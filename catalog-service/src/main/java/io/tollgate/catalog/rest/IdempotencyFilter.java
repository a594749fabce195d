package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.authentication.Authentication;
import io.tollgate.catalog.handler.IdempotencyService;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.error.Incident;
import io.tollgate.common.security.TollgateTokenValidator;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.rest.RESTUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code Idempotency-Key} on every catalog mutation (POST and DELETE under {@code /v1/}, but the
 * token endpoint) of a writer or tenant-admin (a reader changes nothing: its keys are ignored), in one
 * place rather than per controller: before the route runs the key is claimed
 * ({@link IdempotencyService}), and a retry is answered with the first answer; after the route, its
 * answer is kept. Runs after the token and scope checks, so that only a verified caller's key is
 * looked up, and under that caller's tenant and subject.
 */
// Mutations only: reads never reach this filter, nor the blocking executor its methods run on.
@ServerFilter(value = "/v1/**", methods = {HttpMethod.POST, HttpMethod.DELETE})
public class IdempotencyFilter implements Ordered {
    private static final String CLAIMED = IdempotencyFilter.class.getName() + ".claimed";
    private static final String IN_FLIGHT = "A request with this Idempotency-Key is still in progress; "
            + "retry after it has finished";

    private final IdempotencyService idempotency;
    private final JsonMapper json;

    public IdempotencyFilter(IdempotencyService idempotency, JsonMapper json) {
        this.idempotency = idempotency;
        this.json = json;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> claim(HttpRequest<?> request) {
        List<String> keys = request.getHeaders().getAll(RESTUtil.IDEMPOTENCY_KEY_HEADER);
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        if (keys.isEmpty() || caller == null || !isMutation(request)) {
            return null;
        }
        // A reader changes nothing, so no answer of its needs replaying; kept, its answers (404s, 400s)
        // would spend its tenant's tollgate.catalog.idempotency.max-keys-per-tenant, and writers' keys
        // would then go unkept.
        if (!Callers.of(caller).access().covers(AccessClass.WRITER)) {
            return null;
        }
        if (keys.size() > 1) {
            throw new BadRequestException("A request may carry one Idempotency-Key");
        }
        String tenant = TollgateTokenValidator.tenantOf(caller);
        IdempotencyService.Claim claim = idempotency.claim(tenant == null ? "" : tenant, caller.getName(),
                keys.get(0), request.getMethodName(), request.getPath());
        if (claim instanceof IdempotencyService.First first) {
            request.setAttribute(CLAIMED, first);
            return null;
        }
        if (claim instanceof IdempotencyService.Unkept) {
            return null;
        }
        if (claim instanceof IdempotencyService.Replay replay) {
            MutableHttpResponse<String> answer = HttpResponse.status(HttpStatus.valueOf(replay.status()));
            if (replay.body() != null) {
                answer.body(replay.body()).contentType(replay.contentType() == null
                        ? MediaType.APPLICATION_JSON_TYPE : MediaType.of(replay.contentType()));
            }
            return answer;
        }
        return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(IcebergErrorResponse.of(503, "ServiceUnavailableException", IN_FLIGHT));
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    public void keep(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(CLAIMED, IdempotencyService.First.class).ifPresent(first -> {
            request.removeAttribute(CLAIMED, IdempotencyService.First.class);
            try {
                idempotency.finish(first, response.code(),
                        response.getContentType().map(MediaType::toString).orElse(null), body(response));
            } catch (RuntimeException e) {
                // The operation has run: its answer goes out whatever happens to the key, which stays
                // in flight until tollgate.catalog.idempotency.in-flight-timeout.
                Incident.record("keeping an idempotency key's answer", e);
            }
        });
    }

    /** After the token is verified and the scope checked ({@link CatalogScopeFilter}). */
    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after() + 1;
    }

    // The token endpoint is a login, not a catalog mutation: no key of it is kept.
    private static boolean isMutation(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        return (method == HttpMethod.POST || method == HttpMethod.DELETE) && !request.getPath().startsWith("/v1/oauth/");
    }

    // The body as the client received it: our controllers answer JSON text, errors are objects that
    // Micronaut writes with this same mapper.
    private String body(HttpResponse<?> response) {
        Object body = response.getBody().orElse(null);
        if (body == null || body instanceof String) {
            return (String) body;
        }
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
