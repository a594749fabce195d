package io.tollgate.testkit.await;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwaitTest {

    @Test
    void aConditionThatComesTrueIsWaitedForAndPolledNoFurther() {
        AtomicInteger polls = new AtomicInteger();

        Await.until(() -> polls.incrementAndGet() == 3, Duration.ofMinutes(1), "the third poll");

        assertEquals(3, polls.get());
    }

    @Test
    void aConditionThatNeverHoldsFailsTheTestWithTheCallersMessage() {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Await.until(() -> false, Duration.ofMillis(30), "the replica caught up"));

        assertTrue(failure.getMessage().startsWith("the replica caught up (not within PT0.03S"), failure.getMessage());
    }

    @Test
    void aValueIsReturnedOnceAcceptedAndTheLastOneSeenIsNamedOnTimeout() {
        AtomicInteger counter = new AtomicInteger();

        assertEquals(5, Await.value(counter::incrementAndGet, n -> n >= 5, Duration.ofMinutes(1), "five"));
        AssertionError failure = assertThrows(AssertionError.class,
                () -> Await.value(() -> "still 4", "5"::equals, Duration.ofMillis(30), "five"));
        assertTrue(failure.getMessage().contains("last seen: still 4"), failure.getMessage());
    }

    @Test
    void anExceptionFromTheConditionEndsTheWaitAtOnce() {
        AtomicInteger polls = new AtomicInteger();

        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> Await.until(() -> {
            polls.incrementAndGet();
            throw new SQLException("the database is gone");
        }, Duration.ofMinutes(1), "a row"));

        assertEquals(1, polls.get());
        assertInstanceOf(SQLException.class, failure.getCause());
    }
}
