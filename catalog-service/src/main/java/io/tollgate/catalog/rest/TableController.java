package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.handler.LoadedTable;
import io.tollgate.catalog.handler.MetricsService;
import io.tollgate.catalog.handler.AccessDelegation;
import io.tollgate.catalog.handler.TableService;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;

import java.util.List;

/** Iceberg REST tables of a warehouse: the wire only; {@link TableService} decides. */
@Controller("/v1/{prefix}")
@Secured(SecurityRule.IS_AUTHENTICATED)
// Iceberg's catalog blocks on JDBC and files: off the event loop, or a few slow calls stall every connection.
@ExecuteOn(TaskExecutors.BLOCKING)
public class TableController {
    private final TableService tables;
    private final MetricsService metrics;
    private final IcebergJson json;
    private final LoadTableBodies loadBodies;

    public TableController(TableService tables, MetricsService metrics, IcebergJson json, LoadTableBodies loadBodies) {
        this.tables = tables;
        this.metrics = metrics;
        this.json = json;
        this.loadBodies = loadBodies;
    }

    @Get("/namespaces/{namespace}/tables")
    public HttpResponse<String> list(Authentication caller, String prefix, String namespace,
                                     @Nullable @QueryValue String pageToken, @Nullable @QueryValue String pageSize) {
        return json.ok(tables.list(Callers.of(caller), prefix, Namespaces.fromPath(namespace), pageToken, pageSize));
    }

    @Post("/namespaces/{namespace}/tables")
    public HttpResponse<String> create(Authentication caller, String prefix, String namespace, @Body String body,
                                       @Nullable @Header(AccessDelegation.HEADER) String delegation) {
        return json.ok(tables.create(Callers.of(caller), prefix, Namespaces.fromPath(namespace),
                json.read(body, CreateTableRequest.class), AccessDelegation.requested(delegation)));
    }

    /**
     * GET loads the table; HEAD (which Micronaut routes here: a {@code @Head} route on the path of
     * a {@code @Get} one answers 400, micronaut-core#2008) only checks that it exists.
     */
    @Get("/namespaces/{namespace}/tables/{table}")
    public HttpResponse<?> load(HttpRequest<?> request, Authentication caller, String prefix, String namespace,
                                     String table, @Nullable @QueryValue String snapshots) {
        if (request.getMethod() == HttpMethod.HEAD) {
            tables.exists(Callers.of(caller), prefix, Namespaces.identifier(namespace, table));
            return HttpResponse.noContent();
        }
        // Every If-None-Match line counts: a list may be sent as several headers.
        List<String> ifNoneMatch = request.getHeaders().getAll(HttpHeaders.IF_NONE_MATCH);
        LoadedTable loaded = tables.load(Callers.of(caller), prefix, Namespaces.identifier(namespace, table), snapshots,
                ifNoneMatch.isEmpty() ? null : String.join(",", ifNoneMatch),
                AccessDelegation.requested(request.getHeaders().get(AccessDelegation.HEADER)));
        if (loaded.notModified()) {
            return HttpResponse.notModified().header(HttpHeaders.ETAG, loaded.etag());
        }
        return json.ok(loadBodies.of(loaded)).header(HttpHeaders.ETAG, loaded.etag());
    }

    @Post("/namespaces/{namespace}/tables/{table}")
    public HttpResponse<String> commit(Authentication caller, String prefix, String namespace, String table,
                                       @Body String body) {
        return json.ok(tables.commit(Callers.of(caller), prefix, Namespaces.identifier(namespace, table),
                json.read(body, UpdateTableRequest.class)));
    }

    @Delete("/namespaces/{namespace}/tables/{table}")
    public HttpResponse<Void> drop(Authentication caller, String prefix, String namespace, String table,
                                   @Nullable @QueryValue Boolean purgeRequested) {
        tables.drop(Callers.of(caller), prefix, Namespaces.identifier(namespace, table), Boolean.TRUE.equals(purgeRequested));
        return HttpResponse.noContent();
    }

    @Post("/namespaces/{namespace}/register")
    public HttpResponse<String> register(Authentication caller, String prefix, String namespace, @Body String body,
                                         @Nullable @Header(AccessDelegation.HEADER) String delegation) {
        return json.ok(tables.register(Callers.of(caller), prefix, Namespaces.fromPath(namespace),
                json.read(body, RegisterTableRequest.class), AccessDelegation.requested(delegation)));
    }

    /** A scan or commit report; its size is bounded by {@link MetricsService}, which reads it. */
    @Post("/namespaces/{namespace}/tables/{table}/metrics")
    public HttpResponse<Void> reportMetrics(Authentication caller, String prefix, String namespace, String table,
                                            @Body String body) {
        metrics.report(Callers.of(caller), prefix, Namespaces.identifier(namespace, table), body);
        return HttpResponse.noContent();
    }

    @Post("/tables/rename")
    public HttpResponse<Void> rename(Authentication caller, String prefix, @Body String body) {
        tables.rename(Callers.of(caller), prefix, json.read(body, RenameTableRequest.class));
        return HttpResponse.noContent();
    }
}
