package io.tollgate.router.service.watch;

import io.tollgate.router.config.WatchConfig;
import io.tollgate.router.domain.TenantEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fans the changes the {@link ChangeFeed} reads out to every watcher of this replica: one
 * database query per poll, whatever the number of watchers.
 * <p>
 * Registering and publishing exclude each other, so a watcher registered before it reads its
 * catch-up receives every batch published after the registration; the batches that overlap the
 * catch-up are recognised by revision and skipped (see {@link Watch}).
 */
@Singleton
public class SubscriberHub {
    private final int capacity;
    private final Set<Subscription> subscriptions = new LinkedHashSet<>();

    SubscriberHub(WatchConfig config) {
        this.capacity = config.subscriberBuffer();
    }

    synchronized Subscription register(Runnable signal) {
        Subscription subscription = new Subscription(capacity, signal);
        subscriptions.add(subscription);
        return subscription;
    }

    synchronized void remove(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    /** How many watchers this replica serves. */
    public synchronized int size() {
        return subscriptions.size();
    }

    void publish(List<TenantEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<Subscription> toSignal;
        synchronized (this) {
            toSignal = new ArrayList<>(subscriptions);
            for (Subscription subscription : toSignal) {
                for (TenantEvent event : events) {
                    if (!subscription.offer(event)) {
                        subscriptions.remove(subscription);
                        break;
                    }
                }
            }
        }
        // Outside the lock: signalling schedules the senders, which must not wait on publishing.
        toSignal.forEach(Subscription::signal);
    }

    /** Ends every watch when the replica stops; watchers reconnect to another replica. */
    @PreDestroy
    void closeAll() {
        List<Subscription> all;
        synchronized (this) {
            all = new ArrayList<>(subscriptions);
            subscriptions.clear();
        }
        all.forEach(s -> {
            s.close();
            s.signal();
        });
    }
}
