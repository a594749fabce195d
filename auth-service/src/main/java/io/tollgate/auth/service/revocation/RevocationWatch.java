package io.tollgate.auth.service.revocation;

import io.tollgate.auth.domain.Revocation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One WatchRevocations stream: every still-relevant entry after the caller's sequence (catch-up,
 * in pages, the last page flagged caught-up), then every entry as it is committed. Live entries
 * that arrive during the catch-up are held back and sent after it, and anything at or below the
 * last sequence sent is dropped, so the caller sees each entry once and in order.
 *
 * <p>Every call to the sink happens under this watch's lock, so the sink needs no locking of its
 * own.
 */
public final class RevocationWatch implements RevocationFeed.Listener {

    /** Where a watch sends its messages (the gRPC stream). */
    public interface Sink {
        /** One message: entries in order, and whether it ends the catch-up. */
        void send(List<Revocation> revocations, boolean caughtUp);

        /** The service is going away: end the stream so that the caller reconnects elsewhere. */
        void closeForShutdown();
    }

    private final Object lock = new Object();
    private final RevocationFeed feed;
    private final Sink sink;
    private final Clock clock;
    private final BiFunction<Long, Instant, List<Revocation>> relevantAfter;
    private final int pageSize;
    private final List<Revocation> held = new ArrayList<>();
    private long lastSent;
    private boolean caughtUp;
    private boolean closed;

    /**
     * @param relevantAfter reads up to {@code pageSize} still-relevant entries after a sequence
     */
    RevocationWatch(RevocationFeed feed, Sink sink, Clock clock, long afterSequence,
                    BiFunction<Long, Instant, List<Revocation>> relevantAfter, int pageSize) {
        this.feed = feed;
        this.sink = sink;
        this.clock = clock;
        this.lastSent = afterSequence;
        this.relevantAfter = relevantAfter;
        this.pageSize = pageSize;
    }

    /** Subscribes, then sends the catch-up read page by page; returns once it is caught up. */
    public void start() {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        // Subscribed first: whatever commits from now on reaches us live, and the catch-up read
        // below, made later, sees everything committed before.
        feed.subscribe(this);
        synchronized (lock) {
            if (closed) {
                // Closed while subscribing: close() may have unsubscribed before we subscribed.
                feed.unsubscribe(this);
                return;
            }
        }
        try {
            long after = lastSent;
            while (true) {
                List<Revocation> page = relevantAfter.apply(after, clock.instant());
                boolean last = page.size() < pageSize;
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                    sink.send(page, last);
                    if (!page.isEmpty()) {
                        lastSent = page.get(page.size() - 1).sequence();
                    }
                    if (last) {
                        caughtUp = true;
                        sendLive(new ArrayList<>(held));
                        held.clear();
                        return;
                    }
                    after = lastSent;
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Stops the stream's delivery (the caller cancelled, or the stream failed). */
    public void close() {
        synchronized (lock) {
            closed = true;
            held.clear();
        }
        feed.unsubscribe(this);
    }

    @Override
    public void onRevocations(List<Revocation> revocations) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            if (!caughtUp) {
                held.addAll(revocations);
                return;
            }
            sendLive(revocations);
        }
    }

    @Override
    public void onFeedClosed() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            sink.closeForShutdown();
        }
    }

    private void sendLive(List<Revocation> revocations) {
        Instant now = clock.instant();
        List<Revocation> fresh = revocations.stream()
                .filter(r -> r.sequence() > lastSent)
                .filter(r -> r.expiresAt().isAfter(now))
                .toList();
        if (fresh.isEmpty()) {
            return;
        }
        try {
            sink.send(fresh, false);
        } catch (RuntimeException e) {
            // The stream is gone (cancelled under our feet); stop feeding it.
            closed = true;
            feed.unsubscribe(this);
            return;
        }
        lastSent = fresh.get(fresh.size() - 1).sequence();
    }
}
