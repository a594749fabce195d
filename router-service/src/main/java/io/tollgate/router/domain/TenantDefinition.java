package io.tollgate.router.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a tenant should be: everything about it that a writer chooses (not its revision).
 *
 * @param warehouses its Iceberg warehouses, names unique; the first is the one a client that names
 *                   none is given
 */
public record TenantDefinition(
        String id,
        String displayName,
        TenantStatus status,
        Map<String, String> labels,
        SqlBackend sqlBackend,
        List<ContextVariable> contextVariables,
        Quotas quotas,
        List<Warehouse> warehouses,
        List<Upstream> upstreams) {

    /** A definition without warehouses or upstreams. */
    public TenantDefinition(String id, String displayName, TenantStatus status, Map<String, String> labels,
                            SqlBackend sqlBackend, List<ContextVariable> contextVariables, Quotas quotas) {
        this(id, displayName, status, labels, sqlBackend, contextVariables, quotas, List.of(), List.of());
    }

    public TenantDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sqlBackend, "sqlBackend");
        Objects.requireNonNull(quotas, "quotas");
        labels = Map.copyOf(labels);
        contextVariables = List.copyOf(contextVariables);
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }
}
