package io.tollgate.auth.domain;

import java.time.Duration;

/** Too many attempts for one account, client or address; the caller may retry after a while. */
public final class RateLimitedException extends Exception {
    public static final String MESSAGE = "too many requests; retry later";

    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super(MESSAGE, null, false, false);
        this.retryAfter = retryAfter;
    }

    /** How long until an attempt would be accepted again. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The wait in whole seconds, at least one, as HTTP Retry-After wants it. */
    public long retryAfterSeconds() {
        long millis = retryAfter.toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
