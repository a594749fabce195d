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
import io.tollgate.catalog.handler.TableService;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

/** Iceberg REST tables of a warehouse: the wire only; {@link TableService} decides. */
@Controller("/v1/{prefix}")
@Secured(SecurityRule.IS_AUTHENTICATED)
// Iceberg's catalog blocks on JDBC and files: off the event loop, or a few slow calls stall every connection.
@ExecuteOn(TaskExecutors.BLOCKING)
public class TableController {
    private final TableService tables;
    private final IcebergJson json;

    public TableController(TableService tables, IcebergJson json) {
        this.tables = tables;
        this.json = json;
    }

    @Get("/namespaces/{namespace}/tables")
    public HttpResponse<String> list(Authentication caller, String prefix, String namespace,
                                     @Nullable @QueryValue String pageToken, @Nullable @QueryValue String pageSize) {
        return json.ok(tables.list(Callers.of(caller), prefix, Namespaces.fromPath(namespace), pageToken, pageSize));
    }

    @Post("/namespaces/{namespace}/tables")
    public HttpResponse<String> create(Authentication caller, String prefix, String namespace, @Body String body) {
        return json.ok(tables.create(Callers.of(caller), prefix, Namespaces.fromPath(namespace),
                json.read(body, CreateTableRequest.class)));
    }

    /**
     * GET loads the table; HEAD (which Micronaut routes here: a {@code @Head} route on the path of
     * a {@code @Get} one answers 400, micronaut-core#2008) only checks that it exists.
     */
    @Get("/namespaces/{namespace}/tables/{table}")
    public HttpResponse<String> load(HttpRequest<?> request, Authentication caller, String prefix, String namespace,
                                     String table) {
        if (request.getMethod() == HttpMethod.HEAD) {
            tables.exists(Callers.of(caller), prefix, identifier(namespace, table));
            return HttpResponse.noContent();
        }
        return json.ok(tables.load(Callers.of(caller), prefix, identifier(namespace, table)));
    }

    @Post("/namespaces/{namespace}/tables/{table}")
    public HttpResponse<String> commit(Authentication caller, String prefix, String namespace, String table,
                                       @Body String body) {
        return json.ok(tables.commit(Callers.of(caller), prefix, identifier(namespace, table),
                json.read(body, UpdateTableRequest.class)));
    }

    @Delete("/namespaces/{namespace}/tables/{table}")
    public HttpResponse<Void> drop(Authentication caller, String prefix, String namespace, String table,
                                   @Nullable @QueryValue Boolean purgeRequested) {
        tables.drop(Callers.of(caller), prefix, identifier(namespace, table), Boolean.TRUE.equals(purgeRequested));
        return HttpResponse.noContent();
    }

    @Post("/tables/rename")
    public HttpResponse<Void> rename(Authentication caller, String prefix, @Body String body) {
        tables.rename(Callers.of(caller), prefix, json.read(body, RenameTableRequest.class));
        return HttpResponse.noContent();
    }

    private static TableIdentifier identifier(String namespace, String table) {
        return TableIdentifier.of(Namespaces.fromPath(namespace), table);
    }
}
