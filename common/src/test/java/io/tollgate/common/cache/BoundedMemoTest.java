package io.tollgate.common.cache;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedMemoTest {

    @Test
    void worksOutEachKeyOnceWhileItIsKept() {
        AtomicInteger calls = new AtomicInteger();
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(10, key -> {
            calls.incrementAndGet();
            return key.length();
        });
        assertEquals(3, memo.get("abc"));
        assertEquals(3, memo.get("abc"));
        assertEquals(1, memo.get("x"));
        assertEquals(2, calls.get());
    }

    @Test
    void neverKeepsMoreThanItsBoundAndStillAnswersRight() {
        BoundedMemo<Integer, Integer> memo = new BoundedMemo<>(100, key -> key * 2);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i * 2, memo.get(i));
            assertTrue(memo.size() <= 100, "kept " + memo.size());
        }
    }

    @Test
    void refusesANullAnswerAndANonsenseBound() {
        BoundedMemo<String, String> memo = new BoundedMemo<>(1, key -> null);
        assertThrows(NullPointerException.class, () -> memo.get("a"));
        assertThrows(IllegalArgumentException.class, () -> new BoundedMemo<String, String>(0, key -> key));
    }
}
