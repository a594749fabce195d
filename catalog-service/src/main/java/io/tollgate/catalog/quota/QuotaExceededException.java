package io.tollgate.catalog.quota;

import java.time.Duration;

/** The caller's tenant is over one of its rates; it may try again after {@link #retryAfter()}. */
public class QuotaExceededException extends RuntimeException {
    private final Duration retryAfter;

    public QuotaExceededException(String rate, Duration retryAfter) {
        super("Too many requests: the tenant's " + rate + " quota is used up; retry after "
                + retryAfterSeconds(retryAfter) + " s", null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds, at least 1, as HTTP's {@code Retry-After} takes them. */
    public long retryAfterSeconds() {
        return retryAfterSeconds(retryAfter);
    }

    private static long retryAfterSeconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
