package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.tollgate.catalog.config.IdempotencyConfig;
import io.tollgate.catalog.handler.WarehouseAccess;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.responses.ConfigResponse;

import java.util.List;

/**
 * {@code GET /v1/config}, the first call every Iceberg REST client makes. The caller's tenant
 * (from its verified token) must be active and the warehouse asked for its own (or, asked for
 * none, its only one); the answer's {@code prefix} is that warehouse's name, which every other
 * route carries, and {@code endpoints} lists exactly the routes this catalog serves.
 */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConfigController {
    /** What the namespace, table, view and transaction controllers serve; a client calls nothing else. */
    static final List<Endpoint> SERVED = List.of(
            Endpoint.V1_LIST_NAMESPACES, Endpoint.V1_CREATE_NAMESPACE, Endpoint.V1_LOAD_NAMESPACE,
            Endpoint.V1_NAMESPACE_EXISTS, Endpoint.V1_UPDATE_NAMESPACE, Endpoint.V1_DELETE_NAMESPACE,
            Endpoint.V1_LIST_TABLES, Endpoint.V1_CREATE_TABLE, Endpoint.V1_LOAD_TABLE, Endpoint.V1_TABLE_EXISTS,
            Endpoint.V1_UPDATE_TABLE, Endpoint.V1_DELETE_TABLE, Endpoint.V1_RENAME_TABLE,
            Endpoint.V1_REGISTER_TABLE, Endpoint.V1_REPORT_METRICS,
            Endpoint.V1_LIST_VIEWS, Endpoint.V1_CREATE_VIEW, Endpoint.V1_LOAD_VIEW, Endpoint.V1_VIEW_EXISTS,
            Endpoint.V1_UPDATE_VIEW, Endpoint.V1_DELETE_VIEW, Endpoint.V1_RENAME_VIEW,
            Endpoint.V1_REGISTER_VIEW, Endpoint.V1_COMMIT_TRANSACTION);

    private final WarehouseAccess warehouses;
    private final IcebergJson json;
    private final IdempotencyConfig idempotency;

    public ConfigController(WarehouseAccess warehouses, IcebergJson json, IdempotencyConfig idempotency) {
        this.warehouses = warehouses;
        this.json = json;
        this.idempotency = idempotency;
    }

    @Get("/config")
    public HttpResponse<String> config(Authentication caller, @Nullable @QueryValue String warehouse) {
        String name = warehouses.warehouseName(Callers.of(caller), warehouse);
        ConfigResponse.Builder config = ConfigResponse.builder()
                .withOverride("prefix", name)
                .withOverride("warehouse", name)
                .withEndpoints(SERVED)
                // Clients then send an Idempotency-Key with every mutation (IdempotencyFilter).
                .withIdempotencyKeyLifetime(idempotency.lifetime().toString());
        if (warehouses.signsRequests(Callers.of(caller), name)) {
            // Remote signing is served for S3 warehouses only (a local one's files are the catalog's alone).
            config.withEndpoints(List.of(Endpoint.V1_TABLE_REMOTE_SIGN));
        }
        return json.ok(config.build());
    }
}
