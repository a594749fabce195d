package io.tollgate.flight.quota;

import io.tollgate.flight.tenant.TenantRoute;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ResultLimitTest {

    @Test
    void batchesUpToTheLimitPassAndTheOneThatWouldCrossItIsRefused() {
        ResultLimit rows = ResultLimit.of(new TenantRoute.Quotas(0, 0, 250, 0));
        rows.charge(100, 1);
        rows.charge(150, 1);
        QuotaExceededException refused = assertThrows(QuotaExceededException.class, () -> rows.charge(1, 1));
        assertEquals("result exceeds 250 rows", refused.getMessage());

        ResultLimit bytes = ResultLimit.of(new TenantRoute.Quotas(0, 0, 0, 1000));
        bytes.charge(1, 999);
        assertEquals("result exceeds 1000 bytes",
                assertThrows(QuotaExceededException.class, () -> bytes.charge(1, 2)).getMessage());
        assertDoesNotThrow(() -> bytes.charge(1, 1), "a refused batch was not counted");
    }

    @Test
    void zeroMeansNoLimit() {
        ResultLimit none = ResultLimit.of(TenantRoute.Quotas.NONE);
        assertDoesNotThrow(() -> none.charge(Long.MAX_VALUE / 2, Long.MAX_VALUE / 2));
    }
}
