package io.tollgate.flight.statement;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FetchBudgetTest {
    private static final long MIB = 1L << 20;

    @Test
    void theConfiguredBudgetHoldsWhenEveryStreamsBudgetFitsHalfTheHeap() {
        assertEquals(32 * MIB, QueryService.fetchBudget(32 * MIB, 8, 8192 * MIB));
    }

    @Test
    void theBudgetShrinksSoThatEveryStreamTogetherNeedsAtMostHalfTheHeap() {
        assertEquals(4 * MIB, QueryService.fetchBudget(32 * MIB, 256, 2048 * MIB));
        assertEquals(1, QueryService.fetchBudget(32 * MIB, Integer.MAX_VALUE, 2));
    }
}
