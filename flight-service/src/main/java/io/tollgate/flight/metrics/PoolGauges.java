package io.tollgate.flight.metrics;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.common.metrics.TenantTags;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The tenant backends' connection pools as gauges per tenant tag
 * ({@code tollgate.flight.pool.connections{tenant,state}} and {@code ...pool.connections.max}):
 * each sums the pools of every tenant under that tag, so the tenants past the cap share the
 * {@code _other} series instead of each adding their own (Hikari's own tracker would name every
 * pool). Pools are held here only while open: {@link #opened} and {@link #closed} bound the set
 * to the pools that exist.
 */
@Singleton
public class PoolGauges {
    static final String CONNECTIONS = "tollgate.flight.pool.connections";
    static final String MAX = "tollgate.flight.pool.connections.max";

    private final MeterRegistry registry;
    private final TenantTags tenants;
    private final Map<String, Set<HikariDataSource>> poolsByTag = new ConcurrentHashMap<>();

    public PoolGauges(MeterRegistry registry, TenantTags tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    /** A pool of the tenant's backend was opened. */
    public void opened(String tenantId, HikariDataSource pool) {
        String tag = tenants.of(tenantId);
        poolsByTag.computeIfAbsent(tag, this::register).add(pool);
    }

    /** A pool of the tenant's backend was closed (replaced, or the service stops). */
    public void closed(String tenantId, HikariDataSource pool) {
        Set<HikariDataSource> pools = poolsByTag.get(tenants.of(tenantId));
        if (pools != null) {
            pools.remove(pool);
        }
    }

    private Set<HikariDataSource> register(String tag) {
        Set<HikariDataSource> pools = ConcurrentHashMap.newKeySet();
        gauge(tag, "active", pools, HikariPoolMXBean::getActiveConnections);
        gauge(tag, "idle", pools, HikariPoolMXBean::getIdleConnections);
        gauge(tag, "pending", pools, HikariPoolMXBean::getThreadsAwaitingConnection);
        Gauge.builder(MAX, pools, open -> open.stream().mapToInt(HikariDataSource::getMaximumPoolSize).sum())
                .description("Connections the tenant's backend pools may hold")
                .tag("tenant", tag).strongReference(true).register(registry);
        return pools;
    }

    private void gauge(String tag, String state, Set<HikariDataSource> pools, ToIntFunction<HikariPoolMXBean> reading) {
        Gauge.builder(CONNECTIONS, pools, open -> sum(open, reading))
                .description("Connections of the tenant's backend pools in use (active) and idle, and callers "
                        + "waiting for one (pending)")
                .tag("tenant", tag).tag("state", state).strongReference(true).register(registry);
    }

    private static double sum(Set<HikariDataSource> pools, ToIntFunction<HikariPoolMXBean> reading) {
        int total = 0;
        for (HikariDataSource pool : pools) {
            HikariPoolMXBean view = pool.getHikariPoolMXBean();
            // Null until the pool has started, and after it closed.
            if (view != null && !pool.isClosed()) {
                total += reading.applyAsInt(view);
            }
        }
        return total;
    }
}
