package io.tollgate.connect.grpc;

import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pool that admits callers with new tokens is bounded: past its queue a check is refused, not held. */
class FirstSightChecksTest {
    @Test
    void checksBeyondTheThreadsAndTheQueueAreRefusedAndTheRestStillRun() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        Runnable held = () -> {
            try {
                release.await();
                ran.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try (FirstSightChecks checks = new FirstSightChecks()) {
            int capacity = FirstSightChecks.THREADS + FirstSightChecks.QUEUED;
            for (int i = 0; i < capacity; i++) {
                assertTrue(checks.submit(held), "check " + i + " is within the bound");
            }
            assertFalse(checks.submit(ran::incrementAndGet), "one past the threads and the queue is refused");
            release.countDown();
            Await.until(() -> ran.get() == capacity, Duration.ofSeconds(30), "every admitted check ran once released");
            CountDownLatch later = new CountDownLatch(1);
            assertTrue(checks.submit(later::countDown), "taken again once the queue drained");
            assertTrue(later.await(30, TimeUnit.SECONDS));
            assertEquals(capacity, ran.get(), "the refused check never ran");
        }
    }
}
