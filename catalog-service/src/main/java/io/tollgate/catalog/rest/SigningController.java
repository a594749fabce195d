package io.tollgate.catalog.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.handler.SigningService;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.requests.RemoteSignRequest;

/**
 * Iceberg's remote signing endpoint ({@code POST /v1/{prefix}/namespaces/{ns}/tables/{t}/sign}):
 * the wire only; {@link SigningService} decides. A read's signature may be cached by the client
 * ({@code Cache-Control: private}, which Iceberg's signer client honours for 30 s), a write's not.
 */
// Iceberg's catalog calls block on PostgreSQL and storage: never on Netty's event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/v1/{prefix}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class SigningController {
    private final SigningService signing;
    private final IcebergJson json;

    public SigningController(SigningService signing, IcebergJson json) {
        this.signing = signing;
        this.json = json;
    }

    @Post("/namespaces/{namespace}/tables/{table}/sign")
    public HttpResponse<String> sign(Authentication caller, String prefix, String namespace, String table,
                                     @Body String body) {
        SigningService.Signature signature = signing.sign(Callers.of(caller), prefix,
                TableIdentifier.of(Namespaces.fromPath(namespace), table), json.read(body, RemoteSignRequest.class));
        // IcebergJson answers a mutable response; the cache header is added to it.
        MutableHttpResponse<String> answer = (MutableHttpResponse<String>) json.ok(signature.response());
        return answer.header(HttpHeaders.CACHE_CONTROL, signature.cacheable() ? "private" : "no-cache");
    }
}
