package io.tollgate.connect.grpc;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the caller of a call whose token the gateway has not seen before is admitted: a few threads
 * of their own, because verifying such a token may wait on auth-service's key set, and the server
 * runs every other call on its transport's threads (which must never wait). Bounded both ways: at
 * most {@link #THREADS} checks at once and {@link #QUEUED} waiting; beyond that a call is refused
 * as busy rather than queued without end (a flood of forged tokens costs the attacker, not memory).
 */
final class FirstSightChecks implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUED = 1_000;

    private final ThreadPoolExecutor executor;

    FirstSightChecks() {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), r -> {
            Thread thread = new Thread(r, "connect-first-token-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true); // idle most of the time: a token is seen for the first time once
    }

    /** Runs {@code check} soon; false when too many are waiting already (nothing was run). */
    boolean submit(Runnable check) {
        try {
            executor.execute(check);
            return true;
        } catch (RejectedExecutionException full) {
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
