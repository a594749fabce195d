package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.handler.ViewService;
import org.apache.iceberg.rest.requests.CreateViewRequest;
import org.apache.iceberg.rest.requests.RegisterViewRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/** Iceberg REST views of a warehouse: the wire only; {@link ViewService} decides. */
// Iceberg's catalog calls block on PostgreSQL and storage: never on Netty's event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/v1/{prefix}")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ViewController {
    private final ViewService views;
    private final IcebergJson json;

    public ViewController(ViewService views, IcebergJson json) {
        this.views = views;
        this.json = json;
    }

    @Get("/namespaces/{namespace}/views")
    public HttpResponse<String> list(Authentication caller, String prefix, String namespace,
                                     @Nullable @QueryValue String pageToken, @Nullable @QueryValue String pageSize) {
        return json.ok(views.list(Callers.of(caller), prefix, Namespaces.fromPath(namespace), pageToken, pageSize));
    }

    @Post("/namespaces/{namespace}/views")
    public HttpResponse<String> create(Authentication caller, String prefix, String namespace, @Body String body) {
        return json.ok(views.create(Callers.of(caller), prefix, Namespaces.fromPath(namespace),
                json.read(body, CreateViewRequest.class)));
    }

    /** GET loads the view; HEAD (routed here, as for tables: micronaut-core#2008) only checks it exists. */
    @Get("/namespaces/{namespace}/views/{view}")
    public HttpResponse<String> load(HttpRequest<?> request, Authentication caller, String prefix, String namespace,
                                     String view) {
        if (request.getMethod() == HttpMethod.HEAD) {
            views.exists(Callers.of(caller), prefix, Namespaces.identifier(namespace, view));
            return HttpResponse.noContent();
        }
        return json.ok(views.load(Callers.of(caller), prefix, Namespaces.identifier(namespace, view)));
    }

    @Post("/namespaces/{namespace}/views/{view}")
    public HttpResponse<String> replace(Authentication caller, String prefix, String namespace, String view,
                                        @Body String body) {
        return json.ok(views.replace(Callers.of(caller), prefix, Namespaces.identifier(namespace, view),
                json.read(body, UpdateTableRequest.class)));
    }

    @Delete("/namespaces/{namespace}/views/{view}")
    public HttpResponse<Void> drop(Authentication caller, String prefix, String namespace, String view) {
        views.drop(Callers.of(caller), prefix, Namespaces.identifier(namespace, view));
        return HttpResponse.noContent();
    }

    @Post("/namespaces/{namespace}/register-view")
    public HttpResponse<String> register(Authentication caller, String prefix, String namespace, @Body String body) {
        return json.ok(views.register(Callers.of(caller), prefix, Namespaces.fromPath(namespace),
                json.read(body, RegisterViewRequest.class)));
    }

    @Post("/views/rename")
    public HttpResponse<Void> rename(Authentication caller, String prefix, @Body String body) {
        views.rename(Callers.of(caller), prefix, json.read(body, RenameTableRequest.class));
        return HttpResponse.noContent();
    }
}
