package io.tollgate.flight.tenant;

import io.tollgate.flight.config.QuotaConfig;
import io.tollgate.proto.router.v1.Quotas;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a route's quotas and the service's defaults combine. */
class TenantRouteQuotasTest {
    static final QuotaConfig DEFAULTS = new QuotaConfig(8, Duration.ofSeconds(30), 1000, 1 << 20);

    @Test
    void theRoutesOwnQuotasWin() {
        Quotas route = Quotas.newBuilder().setMaxConcurrentQueries(2).setStatementTimeoutMs(500)
                .setMaxResultRows(10).setMaxResultBytes(100).build();
        assertEquals(new TenantRoute.Quotas(2, 500, 10, 100), TenantRoutes.quotas(route, DEFAULTS));
    }

    @Test
    void zeroOrANegativeValueTakesTheServiceDefault() {
        Quotas route = Quotas.newBuilder().setMaxConcurrentQueries(-1).setMaxResultRows(-5).build();
        assertEquals(new TenantRoute.Quotas(8, 30_000, 1000, 1 << 20), TenantRoutes.quotas(route, DEFAULTS));
    }

    @Test
    void aDefaultOfZeroMeansNoLimit() {
        QuotaConfig unlimited = new QuotaConfig(0, Duration.ZERO, 0, 0);
        assertEquals(TenantRoute.Quotas.NONE, TenantRoutes.quotas(Quotas.getDefaultInstance(), unlimited));
    }
}
