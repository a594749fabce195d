package io.tollgate.auth.service;

import io.tollgate.auth.config.LockoutConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LockoutPolicyTest {
    private final LockoutPolicy policy = new LockoutPolicy(
            new LockoutConfig(5, Duration.ofSeconds(30), Duration.ofMinutes(15)));

    @Test
    void failuresBelowTheThresholdLockNothing() {
        for (int failures = 0; failures < 5; failures++) {
            assertEquals(Optional.empty(), policy.lockFor(failures));
        }
    }

    @Test
    void theLockStartsAtThirtySecondsAndDoublesWithEachFurtherFailure() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), policy.lockFor(5));
        assertEquals(Optional.of(Duration.ofSeconds(60)), policy.lockFor(6));
        assertEquals(Optional.of(Duration.ofSeconds(120)), policy.lockFor(7));
        assertEquals(Optional.of(Duration.ofSeconds(480)), policy.lockFor(9));
    }

    @Test
    void theLockIsCappedAtFifteenMinutesHoweverManyFailuresThereAre() {
        assertEquals(Optional.of(Duration.ofMinutes(15)), policy.lockFor(10));
        assertEquals(Optional.of(Duration.ofMinutes(15)), policy.lockFor(1_000_000));
    }
}
