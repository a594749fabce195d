package io.tollgate.flight.metrics;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tollgate.common.metrics.TenantTags;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PoolGaugesTest {

    @Test
    void tenantsPastTheCapShareTheOtherSeriesAndAClosedPoolLeavesIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        PoolGauges gauges = new PoolGauges(registry, new TenantTags(1));
        HikariDataSource acme = pool(5);
        HikariDataSource globex = pool(3);
        HikariDataSource initech = pool(2);
        gauges.opened("acme", acme);
        gauges.opened("globex", globex);
        gauges.opened("initech", initech);

        assertEquals(5, max(registry, "acme"));
        assertEquals(5, max(registry, TenantTags.OTHER));
        assertNull(registry.find(PoolGauges.MAX).tag("tenant", "globex").gauge(), "no series of its own");

        gauges.closed("globex", globex);
        assertEquals(2, max(registry, TenantTags.OTHER));
    }

    private static double max(SimpleMeterRegistry registry, String tenant) {
        return registry.get(PoolGauges.MAX).tag("tenant", tenant).gauge().value();
    }

    /** A pool that is never started: its limits are known without a database. */
    private static HikariDataSource pool(int maximumPoolSize) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl("jdbc:postgresql://localhost:1/none");
        pool.setMaximumPoolSize(maximumPoolSize);
        return pool;
    }
}
