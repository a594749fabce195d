package io.tollgate.auth.service.revocation;

import io.tollgate.auth.config.RevocationConfig;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.persistence.RevocationStore;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Follows the revocation log in the database and hands every new entry to this replica's
 * listeners (the open WatchRevocations streams).
 *
 * <p>Why a poll and not LISTEN/NOTIFY: every replica must deliver what any replica committed, so
 * delivery has to come from the database either way. One query per replica every
 * {@code poll-interval} (200 ms by default; an index range scan that is empty almost always)
 * costs nothing measurable, needs no dedicated connection outside the pool, works through
 * PgBouncer in transaction mode and across a primary failover, and cannot lose a notification
 * while reconnecting: the position is simply {@code sequence > last}, which is gap-free because
 * writers commit entries in sequence order (see {@link RevocationStore}). LISTEN/NOTIFY would cut
 * the latency from ≤ 200 ms to a few ms, which nothing here needs. A replica's own revocations
 * wake the poller at once, so they are delivered locally without waiting for the next tick.
 *
 * <p>The poller starts with the first subscription and reads one query per tick no matter how
 * many streams are open.
 */
@Singleton
public class RevocationFeed {
    private static final Logger LOG = LoggerFactory.getLogger(RevocationFeed.class);
    private static final int BATCH = 1000;

    /** Receives new log entries in sequence order, on the poller's thread. */
    public interface Listener {
        void onRevocations(List<Revocation> revocations);

        /** The feed stops (the service is shutting down); no more entries will come. */
        void onFeedClosed();
    }

    private final RevocationStore store;
    private final RevocationConfig config;
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean closed;
    private Thread poller;
    private volatile long position;

    public RevocationFeed(RevocationStore store, RevocationConfig config) {
        this.store = store;
        this.config = config;
    }

    /**
     * Adds a listener. It receives every entry committed after the feed's current position; a
     * caller that needs older entries reads them from the store <em>after</em> subscribing, and
     * drops duplicates by sequence.
     */
    public void subscribe(Listener listener) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the revocation feed is closed");
            }
            if (poller == null) {
                position = store.lastSequence();
                poller = new Thread(this::run, "revocation-feed");
                poller.setDaemon(true);
                poller.start();
            }
            listeners.add(listener);
        }
    }

    public void unsubscribe(Listener listener) {
        listeners.remove(listener);
    }

    /** Reads the log now instead of at the next tick; called after a local revocation commits. */
    public void wakeUp() {
        wake.release();
    }

    /** How many listeners are subscribed. */
    public int listenerCount() {
        return listeners.size();
    }

    @PreDestroy
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            thread = poller;
        }
        if (thread != null) {
            thread.interrupt();
        }
        for (Listener listener : listeners) {
            try {
                listener.onFeedClosed();
            } catch (RuntimeException e) {
                LOG.debug("a revocation listener failed while closing", e);
            }
        }
        listeners.clear();
    }

    private void run() {
        long interval = Math.max(1, config.pollInterval().toMillis());
        while (!closed) {
            try {
                wake.tryAcquire(interval, TimeUnit.MILLISECONDS);
                wake.drainPermits();
                poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The database may be restarting; the position is kept and the next tick retries.
                LOG.warn("could not read the revocation log: {}", e.getMessage());
            }
        }
    }

    private void poll() {
        List<Revocation> batch;
        do {
            batch = store.after(position, BATCH);
            if (batch.isEmpty()) {
                return;
            }
            for (Listener listener : listeners) {
                try {
                    listener.onRevocations(batch);
                } catch (RuntimeException e) {
                    LOG.debug("dropping a revocation listener that failed", e);
                    listeners.remove(listener);
                }
            }
            position = batch.get(batch.size() - 1).sequence();
        } while (batch.size() == BATCH);
    }
}
