package io.tollgate.flight.quota;

import io.tollgate.flight.tenant.TenantRoute;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConcurrentQueriesTest {
    final ConcurrentQueries queries = new ConcurrentQueries();

    private static TenantRoute route(String tenantId, int maxConcurrentQueries) {
        return new TenantRoute(tenantId, false, "jdbc:postgresql://unused/db", "role", "pw",
                new TenantRoute.PoolLimits(10, 0, 5000), List.of(),
                new TenantRoute.Quotas(maxConcurrentQueries, 0, 0, 0), 1);
    }

    @Test
    void aTenantIsAdmittedUpToItsLimitAndRefusedBeyondItWhileOthersAreNot() {
        QueryPermit first = queries.admit(route("acme", 2));
        QueryPermit second = queries.admit(route("acme", 2));
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, () -> queries.admit(route("acme", 2)));
        assertEquals(QuotaExceededException.Kind.CONCURRENT_QUERIES, refused.kind());
        queries.admit(route("globex", 1)).close();

        first.close();
        queries.admit(route("acme", 2)).close();
        second.close();
        assertEquals(0, queries.running("acme"));
    }

    @Test
    void closingAPermitTwiceGivesOnePlaceBack() {
        QueryPermit held = queries.admit(route("acme", 2));
        QueryPermit closedTwice = queries.admit(route("acme", 2));
        closedTwice.close();
        closedTwice.close();
        assertEquals(1, queries.running("acme"));
        held.close();
        assertEquals(0, queries.running("acme"));
    }

    @Test
    void eachAdmissionReadsTheLimitOfTheRouteItIsGiven() {
        QueryPermit first = queries.admit(route("acme", 1));
        assertThrows(QuotaExceededException.class, () -> queries.admit(route("acme", 1)));
        QueryPermit second = queries.admit(route("acme", 2));
        assertThrows(QuotaExceededException.class, () -> queries.admit(route("acme", 1)),
                "a lowered limit admits nothing until the count falls below it");
        first.close();
        second.close();
    }

    @Test
    void zeroMeansNoLimit() {
        for (int i = 0; i < 1000; i++) {
            queries.admit(route("acme", 0));
        }
        assertEquals(1000, queries.running("acme"));
    }
}
