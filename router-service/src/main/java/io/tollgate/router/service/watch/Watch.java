package io.tollgate.router.service.watch;

import io.tollgate.router.domain.TenantEvent;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

/**
 * One watcher's stream: first its catch-up (a snapshot, or the changes since its revision), then
 * the live changes the hub queues for it. Live changes at or below the catch-up's revision were
 * already covered by it and are skipped. Not thread-safe: one sender drains it at a time.
 */
public final class Watch implements AutoCloseable {
    private final SubscriberHub hub;
    private final Subscription subscription;
    private final ArrayDeque<WatchMessage> catchUp;
    private final long caughtUpTo;

    Watch(SubscriberHub hub, Subscription subscription, List<WatchMessage> catchUp, long caughtUpTo) {
        this.hub = hub;
        this.subscription = subscription;
        this.catchUp = new ArrayDeque<>(catchUp);
        this.caughtUpTo = caughtUpTo;
    }

    /**
     * The next message to send, or empty when there is none yet (the signal given at
     * {@link TenantWatch#open} tells when there may be).
     *
     * @throws SubscriberTooSlowException when the watcher fell too far behind and was dropped
     * @throws WatchEndedException        when the replica is stopping
     */
    public Optional<WatchMessage> next() {
        WatchMessage pending = catchUp.poll();
        if (pending != null) {
            return Optional.of(pending);
        }
        if (subscription.overflowed()) {
            throw new SubscriberTooSlowException();
        }
        if (subscription.closed()) {
            throw new WatchEndedException();
        }
        for (TenantEvent event = subscription.poll(); event != null; event = subscription.poll()) {
            if (event.revision() > caughtUpTo) {
                return Optional.of(new WatchMessage.Change(event));
            }
        }
        return Optional.empty();
    }

    /** Whether {@link #next} would throw: checked before waiting for the watcher to be ready. */
    public boolean failed() {
        return catchUp.isEmpty() && (subscription.overflowed() || subscription.closed());
    }

    @Override
    public void close() {
        hub.remove(subscription);
        subscription.close();
    }
}
