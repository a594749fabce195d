package io.tollgate.flight.statement;

import org.apache.arrow.flight.FlightProducer.ServerStreamListener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Whether the client of one stream can take another batch, and what to do when it goes away. A
 * stream waits for readiness before each batch, so a slow reader bounds the memory a query holds.
 *
 * <p>gRPC delivers "ready" and "cancelled" through the call's own serialized executor, so they
 * only arrive while the thread that writes the stream is not that executor's (the producer hands
 * streams to {@link QueryThreads}). The wait also re-reads the transport's state every few
 * milliseconds, so a missed signal costs a moment, never the stream.
 */
final class ClientReadiness {
    private static final long RECHECK_MS = 20;

    private final ServerStreamListener listener;
    private final Object lock = new Object();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();

    ClientReadiness(ServerStreamListener listener) {
        this.listener = listener;
        listener.setOnReadyHandler(this::signal);
        listener.setOnCancelHandler(() -> {
            onCancel.forEach(Runnable::run);
            signal();
        });
    }

    /** Runs {@code action} if the client cancels the call or disconnects. */
    void onCancel(Runnable action) {
        onCancel.add(action);
        if (listener.isCancelled()) {
            action.run();
        }
    }

    /**
     * Waits until the client can take a batch.
     *
     * @return false when the client cancelled, went away, or read nothing for {@code timeoutMs}
     */
    boolean await(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        synchronized (lock) {
            while (!listener.isReady()) {
                long remainingMs = (deadline - System.nanoTime()) / 1_000_000L;
                if (listener.isCancelled() || remainingMs <= 0) {
                    return false;
                }
                try {
                    lock.wait(Math.min(remainingMs, RECHECK_MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return !listener.isCancelled();
    }

    private void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }
}
