package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.handler.NamespaceService;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;

/** Iceberg REST namespaces of a warehouse: the wire only; {@link NamespaceService} decides. */
@Controller("/v1/{prefix}/namespaces")
@Secured(SecurityRule.IS_AUTHENTICATED)
// Iceberg's catalog blocks on JDBC and files: off the event loop, or a few slow calls stall every connection.
@ExecuteOn(TaskExecutors.BLOCKING)
public class NamespaceController {
    private final NamespaceService namespaces;
    private final IcebergJson json;

    public NamespaceController(NamespaceService namespaces, IcebergJson json) {
        this.namespaces = namespaces;
        this.json = json;
    }

    @Get
    public HttpResponse<String> list(Authentication caller, String prefix, @Nullable @QueryValue String parent,
                                     @Nullable @QueryValue String pageToken, @Nullable @QueryValue String pageSize) {
        return json.ok(namespaces.list(Callers.of(caller), prefix, Namespaces.parent(parent), pageToken, pageSize));
    }

    @Post
    public HttpResponse<String> create(Authentication caller, String prefix, @Body String body) {
        return json.ok(namespaces.create(Callers.of(caller), prefix, json.read(body, CreateNamespaceRequest.class)));
    }

    /**
     * GET loads the namespace; HEAD (which Micronaut routes here: a {@code @Head} route on the path
     * of a {@code @Get} one answers 400, micronaut-core#2008) only checks that it exists.
     */
    @Get("/{namespace}")
    public HttpResponse<String> load(HttpRequest<?> request, Authentication caller, String prefix, String namespace) {
        if (request.getMethod() == HttpMethod.HEAD) {
            namespaces.exists(Callers.of(caller), prefix, Namespaces.fromPath(namespace));
            return HttpResponse.noContent();
        }
        return json.ok(namespaces.load(Callers.of(caller), prefix, Namespaces.fromPath(namespace)));
    }

    @Post("/{namespace}/properties")
    public HttpResponse<String> updateProperties(Authentication caller, String prefix, String namespace,
                                                 @Body String body) {
        return json.ok(namespaces.updateProperties(Callers.of(caller), prefix, Namespaces.fromPath(namespace),
                json.read(body, UpdateNamespacePropertiesRequest.class)));
    }

    @Delete("/{namespace}")
    public HttpResponse<Void> drop(Authentication caller, String prefix, String namespace) {
        namespaces.drop(Callers.of(caller), prefix, Namespaces.fromPath(namespace));
        return HttpResponse.noContent();
    }
}
