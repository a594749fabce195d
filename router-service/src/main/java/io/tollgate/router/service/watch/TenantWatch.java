package io.tollgate.router.service.watch;

import jakarta.inject.Singleton;

/** Opens tenant watches: WatchTenants without the wire. */
@Singleton
public class TenantWatch {
    private final SubscriberHub hub;
    private final CatchUpReader catchUp;

    TenantWatch(SubscriberHub hub, CatchUpReader catchUp) {
        this.hub = hub;
        this.catchUp = catchUp;
    }

    /**
     * Starts a watch from the last revision the watcher saw (0 for a snapshot).
     *
     * @param signal called, on a thread that must not be blocked, whenever live changes were
     *               queued for the watcher or it failed; the caller then drains {@link Watch#next}
     */
    public Watch open(long afterRevision, Runnable signal) {
        // Registered before the catch-up is read: no change can fall between the two.
        Subscription subscription = hub.register(signal);
        try {
            CatchUpReader.CatchUp start = catchUp.read(afterRevision);
            return new Watch(hub, subscription, start.messages(), start.revision());
        } catch (RuntimeException e) {
            hub.remove(subscription);
            subscription.close();
            throw e;
        }
    }
}
