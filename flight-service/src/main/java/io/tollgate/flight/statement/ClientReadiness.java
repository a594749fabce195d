package io.tollgate.flight.statement;

import org.apache.arrow.flight.FlightProducer.ServerStreamListener;

/**
 * Waits until a DoGet's client can take another batch, so that a slow reader bounds the memory a
 * query holds. gRPC reports readiness through a callback on the call's serialised executor, which
 * the DoGet occupies until it returns: the callback never arrives while the DoGet waits (Arrow's
 * callback strategy then sleeps out its whole timeout even though the client caught up long ago).
 * Readiness is therefore polled, first after a millisecond and then less often (at most every 50 ms)
 * while the client stays behind; it costs nothing while the client keeps up (it is ready at once).
 * A cancel wakes the wait at once.
 */
final class ClientReadiness {
    private static final long TIMEOUT_MS = 5 * 60 * 1000L;
    private static final long MAX_PAUSE_MS = 50;

    private final ServerStreamListener listener;
    private final Object lock = new Object();

    /**
     * @param onClientGone what to do when the client cancels the call or goes away (stop the query);
     *                     replaces the listener's cancel handler
     */
    ClientReadiness(ServerStreamListener listener, Runnable onClientGone) {
        this.listener = listener;
        listener.setOnCancelHandler(() -> {
            try {
                onClientGone.run();
            } finally {
                synchronized (lock) {
                    lock.notifyAll();
                }
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
            while (!listener.isReady()) {
                if (listener.isCancelled()) {
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
        return !listener.isCancelled();
    }
}
