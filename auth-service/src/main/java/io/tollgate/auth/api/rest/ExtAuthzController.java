package io.tollgate.auth.api.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Options;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.tollgate.auth.service.extauthz.AuthzDecision;
import io.tollgate.auth.service.extauthz.AuthzRequest;
import io.tollgate.auth.service.extauthz.ExtAuthzService;

import java.util.HashMap;
import java.util.Map;

/**
 * Envoy's ext_authz in HTTP mode ({@code http_service} with {@code path_prefix: /ext-authz}):
 * Envoy sends the original request's method, path (behind the prefix) and allowed headers, with
 * no body. 200 allows it, the upstream headers in the response (Envoy copies those its
 * {@code allowed_upstream_headers} lists onto the upstream request, replacing the client's) and
 * the client's other protected headers listed in {@code x-envoy-auth-headers-to-remove}; 401, 403
 * or 503 refuse it, with a JSON body Envoy passes to the client.
 */
@Controller("/ext-authz")
@Requires(property = "tollgate.auth.ext-authz.enabled", notEquals = "false")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Hidden
public class ExtAuthzController {
    /** Envoy's response header naming request headers to remove (HTTP mode). */
    static final String HEADERS_TO_REMOVE = "x-envoy-auth-headers-to-remove";

    private final ExtAuthzService service;
    private final ClientAddresses addresses;

    public ExtAuthzController(ExtAuthzService service, ClientAddresses addresses) {
        this.service = service;
        this.addresses = addresses;
    }

    // One method per HTTP method: Micronaut maps one route annotation per method.
    @Get(uris = {"/", "/{+path:.*}"}, headRoute = true)
    public MutableHttpResponse<String> get(HttpRequest<?> request) {
        return check(request);
    }

    @Post(uris = {"/", "/{+path:.*}"})
    public MutableHttpResponse<String> post(HttpRequest<?> request) {
        return check(request);
    }

    @Put(uris = {"/", "/{+path:.*}"})
    public MutableHttpResponse<String> put(HttpRequest<?> request) {
        return check(request);
    }

    @Delete(uris = {"/", "/{+path:.*}"})
    public MutableHttpResponse<String> delete(HttpRequest<?> request) {
        return check(request);
    }

    @Patch(uris = {"/", "/{+path:.*}"})
    public MutableHttpResponse<String> patch(HttpRequest<?> request) {
        return check(request);
    }

    @Options(uris = {"/", "/{+path:.*}"})
    public MutableHttpResponse<String> options(HttpRequest<?> request) {
        return check(request);
    }

    private MutableHttpResponse<String> check(HttpRequest<?> request) {
        return toResponse(service.check(toRequest(request)));
    }

    private AuthzRequest toRequest(HttpRequest<?> request) {
        Map<String, String> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        String path = request.getUri().getRawPath().substring("/ext-authz".length());
        String query = request.getUri().getRawQuery();
        return new AuthzRequest(headers, request.getMethodName(), request.getHeaders().get(HttpHeaders.HOST),
                (path.isEmpty() ? "/" : path) + (query == null ? "" : "?" + query), addresses.of(request), Map.of());
    }

    private static MutableHttpResponse<String> toResponse(AuthzDecision decision) {
        if (decision instanceof AuthzDecision.Allow allow) {
            MutableHttpResponse<String> ok = HttpResponse.ok();
            allow.headersToSet().forEach(ok::header);
            if (!allow.headersToRemove().isEmpty()) {
                ok.header(HEADERS_TO_REMOVE, String.join(", ", allow.headersToRemove()));
            }
            return ok.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
        AuthzDecision.Deny deny = (AuthzDecision.Deny) decision;
        MutableHttpResponse<String> refused = HttpResponse.<String>status(HttpStatus.valueOf(deny.httpStatus()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body("{\"error\":\"" + deny.error() + "\",\"error_description\":\"" + deny.description() + "\"}");
        deny.challenge().ifPresent(challenge -> refused.header(HttpHeaders.WWW_AUTHENTICATE, challenge));
        return refused;
    }
}
