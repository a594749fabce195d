package io.tollgate.auth.service;

import io.tollgate.auth.config.LockoutConfig;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Optional;

/**
 * How long consecutive failed logins lock an account: nothing below the threshold, then the
 * initial duration, doubling with each further failure, up to the maximum. A success resets the
 * count. Attempts made while the account is locked are refused without being counted, so a lock
 * cannot be extended by hammering it.
 */
@Singleton
public class LockoutPolicy {
    // 2^30 times any sane initial duration is far past any sane maximum; this only avoids overflow.
    private static final int MAX_DOUBLINGS = 30;

    private final LockoutConfig config;

    public LockoutPolicy(LockoutConfig config) {
        this.config = config;
    }

    /** The lock that this many consecutive failures earn, if any. */
    public Optional<Duration> lockFor(int consecutiveFailures) {
        if (consecutiveFailures < config.threshold()) {
            return Optional.empty();
        }
        int doublings = Math.min(consecutiveFailures - config.threshold(), MAX_DOUBLINGS);
        long millis = config.initialDuration().toMillis();
        long maxMillis = config.maxDuration().toMillis();
        for (int i = 0; i < doublings && millis < maxMillis; i++) {
            millis *= 2;
        }
        return Optional.of(Duration.ofMillis(Math.min(millis, maxMillis)));
    }
}
