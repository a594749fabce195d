package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What a tenant should be: everything about it that a writer chooses (not its revision). */
public record TenantDefinition(
        String id,
        String displayName,
        TenantStatus status,
        Map<String, String> labels,
        SqlBackend sqlBackend,
        List<ContextVariable> contextVariables,
        Quotas quotas,
        @Nullable Warehouse warehouse,
        List<Upstream> upstreams) {

    /** A definition without upstreams. */
    public TenantDefinition(String id, String displayName, TenantStatus status, Map<String, String> labels,
                            SqlBackend sqlBackend, List<ContextVariable> contextVariables, Quotas quotas,
                            @Nullable Warehouse warehouse) {
        this(id, displayName, status, labels, sqlBackend, contextVariables, quotas, warehouse, List.of());
    }

    public TenantDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(sqlBackend, "sqlBackend");
        Objects.requireNonNull(quotas, "quotas");
        labels = Map.copyOf(labels);
        contextVariables = List.copyOf(contextVariables);
        upstreams = upstreams == null ? List.of() : List.copyOf(upstreams);
    }
}
