package io.tollgate.flight.statement;

/**
 * Whether the client of one stream can take another batch, and what to do when it goes away. A
 * stream waits for readiness before each batch, so a slow reader bounds the memory a query holds.
 *
 * <p>gRPC delivers "ready" and "cancelled" through the call's own serialized executor (or the
 * transport's thread), so they only arrive while the thread that writes the stream is another (the
 * producer hands streams to {@link QueryThreads}); the handlers must not block that thread. The
 * wait also re-reads the transport's state, after a millisecond and then less often, so a missed
 * signal costs a moment, never the stream.
 */
final class ClientReadiness {
    private static final long TIMEOUT_MS = 5 * 60 * 1000L;
    private static final long MAX_PAUSE_MS = 50;

    private final ResultSink sink;
    private final Object lock = new Object();

    /**
     * @param onClientGone what to do when the client cancels the call or goes away (stop the query);
     *                     it must not block, being run on the thread that delivers the signal
     */
    ClientReadiness(ResultSink sink, Runnable onClientGone) {
        this.sink = sink;
        sink.onReady(this::signal);
        sink.onCancel(() -> {
            try {
                onClientGone.run();
            } finally {
                signal();
            }
        });
    }

    /**
     * Waits until the client is ready for the next batch; false when it has gone.
     *
     * @throws ClientStalledException when it read nothing for five minutes
     */
    boolean await() {
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000;
        long pauseMs = 1;
        synchronized (lock) {
            while (!sink.isReady()) {
                if (sink.isCancelled()) {
                    return false;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new ClientStalledException(TIMEOUT_MS / 60_000);
                }
                try {
                    lock.wait(pauseMs);
                    pauseMs = Math.min(pauseMs * 2, MAX_PAUSE_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !sink.isCancelled();
    }

    private void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
