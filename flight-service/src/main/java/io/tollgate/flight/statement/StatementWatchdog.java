package io.tollgate.flight.statement;

import io.tollgate.flight.config.LimitsConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The gateway's own statement timeout, behind PostgreSQL's: a statement still running
 * {@code timeoutGrace} after its tenant's timeout is cancelled by the gateway (PostgreSQL's own
 * timeout can be lifted by SQL the gateway cannot see, such as a function that sets it); one still
 * running as long again has its connection severed, which ends it whatever state it is in.
 */
@Singleton
public class StatementWatchdog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementWatchdog.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, work -> {
        Thread thread = new Thread(work, "statement-watchdog-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });
    private final long graceMs;

    public StatementWatchdog(LimitsConfig limits) {
        this.graceMs = Math.max(0, limits.timeoutGrace().toMillis());
        // Nearly every watch is closed long before it fires: its task must leave the queue then, or
        // the queue would hold minutes of statements' tasks.
        timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Watches one statement until the returned watch is closed.
     *
     * @param timeoutMs the tenant's statement timeout; 0 or less: not watched
     * @param cancel    stops the statement (asks PostgreSQL to cancel it, stops its stream)
     * @param sever     ends the statement's connection
     */
    public Watch watch(long timeoutMs, Runnable cancel, Runnable sever) {
        Watch watch = new Watch();
        if (timeoutMs > 0) {
            // One task per statement; only one that expires schedules the sever behind it.
            watch.due = timer.schedule(() -> {
                watch.expire(cancel);
                if (!watch.closed) {
                    watch.due = timer.schedule(() -> watch.sever(sever), graceMs, TimeUnit.MILLISECONDS);
                }
            }, timeoutMs + graceMs, TimeUnit.MILLISECONDS);
        }
        return watch;
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One watched statement. */
    public static final class Watch implements AutoCloseable {
        private volatile ScheduledFuture<?> due;
        private volatile boolean expired;
        private volatile boolean closed;

        /** Whether the gateway stopped the statement for running past its timeout. */
        public boolean expired() {
            return expired;
        }

        private void expire(Runnable cancel) {
            if (closed) {
                return;
            }
            expired = true;
            run(cancel, "cancelling a statement past its timeout");
        }

        private void sever(Runnable sever) {
            if (!closed) {
                run(sever, "severing the connection of a statement past its timeout");
            }
        }

        private static void run(Runnable action, String what) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed: {}", what, e.getMessage());
            }
        }

        @Override
        public void close() {
            closed = true;
            ScheduledFuture<?> pending = due;
            if (pending != null) {
                pending.cancel(false);
            }
        }
    }
}
