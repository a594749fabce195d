package io.tollgate.catalog.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.common.metrics.TenantTags;
import jakarta.inject.Singleton;

/**
 * Counts catalog mutations. {@code operation} is one of the catalog's own operation names
 * ({@code table.commit}, {@code transaction.commit}, {@code view.replace}, ...), never a caller's
 * text; {@code outcome} is {@code ok}, {@code conflict} (the 409 of a commit that lost a race),
 * {@code refused} or {@code failed}.
 */
@Singleton
public class CatalogMetrics {
    static final String MUTATIONS = "tollgate.catalog.mutations";

    private final MeterRegistry registry;
    private final TenantTags tenants;

    public CatalogMetrics(MeterRegistry registry, TenantTags tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    /** A mutation of a verified caller's tenant ended so. */
    public void mutation(String tenantId, String operation, String outcome) {
        Counter.builder(MUTATIONS).description("Catalog mutations (commits, creates, drops, renames) by outcome")
                .tag("operation", operation).tag("outcome", outcome).tag("tenant", tenants.of(tenantId))
                .register(registry).increment();
    }
}
