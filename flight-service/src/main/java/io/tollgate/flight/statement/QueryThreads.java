package io.tollgate.flight.statement;

import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.apache.arrow.flight.CallStatus;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run queries and write their streams. A stream must not be written from the
 * gRPC call's own executor: gRPC delivers the client's "ready for more" and "cancelled" signals
 * through that executor, so a stream waiting there for its reader would wait forever. Bounded:
 * past {@code tollgate.flight.max-streams} a new stream is refused, not queued.
 */
@Singleton
public class QueryThreads {
    private final int maxStreams;
    private final ThreadPoolExecutor threads;

    public QueryThreads(@Value("${tollgate.flight.max-streams:256}") int maxStreams) {
        this.maxStreams = maxStreams;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, maxStreams, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                work -> {
                    Thread thread = new Thread(work, "query-stream-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * Runs a stream's work on a query thread.
     *
     * @throws org.apache.arrow.flight.FlightRuntimeException RESOURCE_EXHAUSTED when every thread is busy
     */
    public void run(Runnable work) {
        if (!tryRun(work)) {
            throw CallStatus.RESOURCE_EXHAUSTED
                    .withDescription("the server is already streaming its maximum of " + maxStreams
                            + " results; retry later")
                    .toRuntimeException();
        }
    }

    /** Runs work on a query thread if one is free; false (and nothing run) when all are busy. */
    public boolean tryRun(Runnable work) {
        try {
            threads.execute(work);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
