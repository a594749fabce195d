package io.tollgate.connect.grpc;

import io.grpc.Status;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pool that admits callers whose tokens may need a key-set fetch is bounded: past its queue a
 * check is refused, not held; and when it stops, every call still waiting is refused, not left open.
 */
class FirstSightChecksTest {
    private static Runnable heldUntil(CountDownLatch release, AtomicInteger ran) {
        return () -> {
            try {
                release.await();
                ran.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
    }

    @Test
    void checksBeyondTheThreadsAndTheQueueAreRefusedAndTheRestStillRun() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        List<Status> refused = new CopyOnWriteArrayList<>();
        try (FirstSightChecks checks = new FirstSightChecks()) {
            int capacity = FirstSightChecks.THREADS + FirstSightChecks.QUEUED;
            for (int i = 0; i < capacity; i++) {
                checks.submit(heldUntil(release, ran), refused::add);
            }
            assertEquals(List.of(), refused, "all within the bound");
            checks.submit(ran::incrementAndGet, refused::add);
            assertEquals(1, refused.size(), "one past the threads and the queue is refused");
            assertEquals(Status.Code.UNAVAILABLE, refused.get(0).getCode());
            assertEquals(FirstSightChecks.BUSY, refused.get(0).getDescription());
            release.countDown();
            Await.until(() -> ran.get() == capacity, Duration.ofSeconds(30), "every admitted check ran once released");
            CountDownLatch later = new CountDownLatch(1);
            checks.submit(later::countDown, refused::add);
            assertTrue(later.await(30, TimeUnit.SECONDS), "taken again once the queue drained");
            assertEquals(capacity, ran.get(), "the refused check never ran");
        }
    }

    @Test
    void closingRefusesEveryCheckStillWaitingAndAnyLaterOne() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger ran = new AtomicInteger();
        List<Status> refused = new CopyOnWriteArrayList<>();
        FirstSightChecks checks = new FirstSightChecks();
        int waiting = 3;
        for (int i = 0; i < FirstSightChecks.THREADS + waiting; i++) {
            checks.submit(heldUntil(never, ran), refused::add);
        }

        checks.close();
        checks.submit(ran::incrementAndGet, refused::add);

        assertEquals(waiting + 1, refused.size(), "the queued ones, and the one after");
        refused.forEach(status -> assertEquals(FirstSightChecks.SHUTTING_DOWN, status.getDescription()));
        assertEquals(0, ran.get(), "the running ones were interrupted, the rest never ran");
    }
}
