package io.tollgate.common.auth;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A warning logged at most once per interval, with how many like it went unlogged since: a caller
 * can make the verifier refuse as often as it likes, and each refusal must not cost a log line.
 * Public for the other modules' warnings of the same kind (e.g. connect-service's audit backlog).
 */
public final class OccasionalWarning {
    private final Logger log;
    private final String message;
    private final long intervalNanos;
    private final AtomicLong nextAt = new AtomicLong(System.nanoTime());
    private final AtomicLong unlogged = new AtomicLong();

    /** {@code message} takes two arguments: a detail, and how many went unlogged before this one. */
    public OccasionalWarning(Logger log, String message, Duration interval) {
        this.log = log;
        this.message = message;
        this.intervalNanos = interval.toNanos();
    }

    /** Logs the warning with {@code detail} if the interval has passed since the last one; counts it otherwise. */
    public void warn(String detail) {
        long now = System.nanoTime();
        long due = nextAt.get();
        if (now - due >= 0 && nextAt.compareAndSet(due, now + intervalNanos)) {
            log.warn(message, detail, unlogged.getAndSet(0));
        } else {
            unlogged.incrementAndGet();
        }
    }
}
