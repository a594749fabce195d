package io.tollgate.router.service.watch;

import io.tollgate.router.domain.TenantEvent;

import java.util.concurrent.ArrayBlockingQueue;

/**
 * One watcher's place in the fan-out: a bounded queue of live changes the hub fills and the
 * watcher's sender empties. When the queue is full the watcher is too slow: it is marked so and
 * dropped from the hub, rather than holding memory for it or slowing the others down.
 */
final class Subscription {
    private final ArrayBlockingQueue<TenantEvent> queue;
    private final Runnable signal;
    private volatile boolean overflowed;
    private volatile boolean closed;

    Subscription(int capacity, Runnable signal) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.signal = signal;
    }

    /** Adds a change; false (and the subscription overflowed) when the queue is full. */
    boolean offer(TenantEvent event) {
        if (overflowed || closed) {
            return false;
        }
        if (!queue.offer(event)) {
            overflowed = true;
            queue.clear();
            return false;
        }
        return true;
    }

    TenantEvent poll() {
        return queue.poll();
    }

    boolean overflowed() {
        return overflowed;
    }

    boolean closed() {
        return closed;
    }

    void close() {
        closed = true;
        queue.clear();
    }

    /** Tells the watcher's sender that there is something to do. Never blocks. */
    void signal() {
        signal.run();
    }
}
