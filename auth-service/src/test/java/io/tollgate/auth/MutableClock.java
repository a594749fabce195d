package io.tollgate.auth;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.tollgate.testkit.time.ManualClock;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * testkit's {@link ManualClock} as the service's clock in contexts started with
 * {@code test.clock=mutable}: lock-outs of minutes can then be tested without waiting for them.
 */
@Singleton
@Replaces(Clock.class)
@Requires(property = "test.clock", value = "mutable")
public class MutableClock extends ManualClock {
    public MutableClock() {
        super(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
}
