package io.tollgate.flight.quota;

import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.config.LimitsConfig;
import jakarta.inject.Singleton;
import org.apache.arrow.memory.BufferAllocator;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Arrow memory in three nested budgets: the service's root allocator
 * ({@code tollgate.flight.memory-limit-bytes}), one child per tenant
 * ({@code tollgate.flight.limits.tenant-memory-bytes}), and one child per query below it
 * ({@code tollgate.flight.query-memory-bytes}). An allocation over any of them fails with Arrow's
 * OutOfMemoryException, which the caller gets as RESOURCE_EXHAUSTED: one tenant's results cannot
 * take the memory every other tenant's results need.
 */
@Singleton
public class TenantMemory {
    private final BufferAllocator root;
    private final long tenantBytes;
    private final long queryBytes;
    private final ConcurrentHashMap<String, BufferAllocator> tenants = new ConcurrentHashMap<>();

    public TenantMemory(BufferAllocator root, LimitsConfig limits, FlightConfig config) {
        this.root = root;
        this.tenantBytes = limits.tenantMemoryBytes();
        this.queryBytes = config.queryMemoryBytes();
    }

    /** Memory for one query of the tenant's; close it when the query ends. */
    public BufferAllocator forQuery(String tenantId, String name) {
        return tenants.computeIfAbsent(tenantId, id -> root.newChildAllocator("tenant-" + id, 0, tenantBytes))
                .newChildAllocator(name, 0, queryBytes);
    }
}
