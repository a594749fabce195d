package io.tollgate.catalog.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.tollgate.common.security.TollgateTokenValidator;
import io.tollgate.common.tenant.TenantGate;

import java.util.Map;

/**
 * {@code GET /v1/config}, the first call every Iceberg REST client makes. The caller's tenant
 * (from its verified token) must be active; its warehouse is the tenant's own, and the catalog's
 * routes are prefixed with the tenant so that no path can name another tenant's warehouse.
 */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
public class ConfigController {
    private final TenantGate tenants;

    public ConfigController(TenantGate tenants) {
        this.tenants = tenants;
    }

    /** Iceberg's ConfigResponse. */
    @Serdeable
    public record ConfigResponse(Map<String, String> defaults, Map<String, String> overrides) {
    }

    @Get("/config")
    public ConfigResponse config(Authentication caller, @Nullable @QueryValue String warehouse) {
        String tenant = TollgateTokenValidator.tenantOf(caller);
        tenants.admit(tenant);
        return new ConfigResponse(Map.of(), Map.of("prefix", tenant, "warehouse", tenant));
    }
}
