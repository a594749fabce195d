package io.tollgate.connect.grpc;

import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Where the caller of a call whose token may need auth-service's key set fetched is admitted: a few
 * threads of their own, because that check may wait on the fetch, and the server runs every other
 * call on its transport's threads (which must never wait). Bounded both ways: at most
 * {@link #THREADS} checks at once and {@link #QUEUED} waiting; beyond that a call is refused as
 * busy rather than queued without end. Few calls come here: a token verified before, refused
 * lately, or whose key is in the key set in hand is checked on the transport's thread
 * ({@code TokenVerifier.answersWithoutKeys}), and each connection has a small share of the queue
 * ({@link ConnectionShares}), so one client's flood cannot take the places of others.
 */
final class FirstSightChecks implements AutoCloseable {
    static final int THREADS = 4;
    static final int QUEUED = 1_000;
    static final String BUSY = "the Spark Connect gateway is verifying too many new tokens at once; retry";
    static final String SHUTTING_DOWN = "the Spark Connect gateway is shutting down; retry";
    private static final Logger LOG = LoggerFactory.getLogger(FirstSightChecks.class);

    private final ThreadPoolExecutor executor;

    /** A check, and what to do with its call if it never runs. */
    private record Queued(Runnable check, Consumer<Status> refuse) implements Runnable {
        @Override
        public void run() {
            check.run();
        }
    }

    FirstSightChecks() {
        AtomicInteger count = new AtomicInteger();
        executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUED), r -> {
            Thread thread = new Thread(r, "connect-first-token-check-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.allowCoreThreadTimeOut(true); // idle most of the time: few tokens need a fetch
    }

    /**
     * Runs {@code check} soon, or refuses it: {@code refuse} is given the status to close its call
     * with, at once when too many are waiting already or this is closed, or when this closes before
     * the check ran.
     */
    void submit(Runnable check, Consumer<Status> refuse) {
        try {
            executor.execute(new Queued(check, refuse));
        } catch (RejectedExecutionException full) {
            refuse.accept(Status.UNAVAILABLE.withDescription(executor.isShutdown() ? SHUTTING_DOWN : BUSY));
        }
    }

    /** Stops: checks under way are interrupted, and every call still waiting is refused, not left open. */
    @Override
    public void close() {
        for (Runnable dropped : executor.shutdownNow()) {
            try {
                ((Queued) dropped).refuse().accept(Status.UNAVAILABLE.withDescription(SHUTTING_DOWN));
            } catch (RuntimeException e) {
                LOG.debug("a waiting call could not be refused as the gateway stopped", e); // gone already
            }
        }
    }
}
