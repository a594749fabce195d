package io.tollgate.router.service.watch;

import io.micronaut.context.annotation.Context;
import io.tollgate.router.config.WatchConfig;
import io.tollgate.router.persistence.TenantChangeRepository;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The one poller of a replica: reads the change log for revisions after the last it saw, every
 * poll interval, and hands what it finds to the {@link SubscriberHub}. Driving live delivery from
 * the database, rather than from events inside one process, is what makes a change written
 * through any replica reach the watchers of every replica. Writes through this replica wake the
 * poller at once, so their watchers do not wait for the interval.
 * <p>
 * Polling {@code revision > last} misses nothing because registry writers serialise on one lock:
 * no revision can commit after a higher one has been read.
 */
@Context
public class ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeed.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final TenantChangeRepository changes;
    private final SubscriberHub hub;
    private final Duration interval;
    private final int batchSize;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private volatile long lastRevision;
    private Thread thread;

    ChangeFeed(TenantChangeRepository changes, SubscriberHub hub, WatchConfig config) {
        this.changes = changes;
        this.hub = hub;
        this.interval = config.pollInterval();
        this.batchSize = config.batchSize();
    }

    @PostConstruct
    void start() {
        lastRevision = changes.latestRevision();
        running = true;
        thread = new Thread(this::run, "tenant-change-feed");
        thread.setDaemon(true);
        thread.start();
    }

    /** Polls now rather than at the next interval: a change was just committed here. */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** The last revision read from the log. */
    public long lastRevision() {
        return lastRevision;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    private void run() {
        Duration backoff = interval;
        while (running) {
            try {
                if (wake.tryAcquire(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
                pollUntilCaughtUp();
                backoff = interval;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                // The database is away: watchers keep their streams and catch up when it is back.
                LOG.warn("reading the tenant change log failed; retrying in {}", backoff, e);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private void pollUntilCaughtUp() {
        TenantChangeRepository.EventBatch batch;
        do {
            batch = changes.eventsAfter(lastRevision, batchSize);
            hub.publish(batch.events());
            lastRevision = batch.lastRevision();
        } while (running && batch.changesRead() == batchSize);
    }
}
