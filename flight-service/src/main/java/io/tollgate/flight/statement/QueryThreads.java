package io.tollgate.flight.statement;

import io.micronaut.context.annotation.Value;
import io.opentelemetry.context.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run queries and write their streams. A stream must not be written from the
 * thread that delivers its client's "ready for more" and "cancelled" signals (gRPC's call executor,
 * or the transport's own thread), or a stream waiting there for its reader would wait forever; and
 * the transport's thread must never wait on PostgreSQL. Bounded: past
 * {@code tollgate.flight.max-streams} a new stream is refused, not queued.
 *
 * <p>Short blocking work that those signals start (asking PostgreSQL to cancel a statement, which
 * opens a connection of its own) runs aside, on a few threads of its own.
 *
 * <p>Work runs in the trace context of the call that handed it over, so its log lines (the audit
 * trail's among them) carry that call's trace id, and a call it makes to another service (a login
 * reasserted at router-service) continues that call's trace.
 */
@Singleton
public class QueryThreads {
    private static final int ASIDE_THREADS = 2;

    private final int maxStreams;
    private final ThreadPoolExecutor threads;
    private final ThreadPoolExecutor aside;

    public QueryThreads(@Value("${tollgate.flight.max-streams:256}") int maxStreams) {
        this.maxStreams = maxStreams;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, maxStreams, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "query-stream-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        AtomicInteger asideCount = new AtomicInteger();
        this.aside = new ThreadPoolExecutor(ASIDE_THREADS, ASIDE_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), work -> {
                    Thread thread = new Thread(work, "query-aside-" + asideCount.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        aside.allowCoreThreadTimeOut(true);
    }

    /** How many streams may run at once on this replica. */
    public int maxStreams() {
        return maxStreams;
    }

    /** Runs short blocking work off the caller's thread, in turn with the rest of such work. */
    public void runAside(Runnable work) {
        aside.execute(Context.current().wrap(work));
    }

    /**
     * Runs a stream's work on a query thread.
     *
     * @throws QueryThreadsBusyException when every thread is busy
     */
    public void run(Runnable work) {
        if (!tryRun(work)) {
            throw new QueryThreadsBusyException(maxStreams);
        }
    }

    /** Runs work on a query thread if one is free; false (and nothing run) when all are busy. */
    public boolean tryRun(Runnable work) {
        try {
            threads.execute(Context.current().wrap(work));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        threads.shutdown();
        aside.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
        aside.awaitTermination(1, TimeUnit.SECONDS);
    }
}
