package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Temporary lock-out of an account after consecutive failed logins
 * ({@code tollgate.auth.lockout}). The state is kept in the accounts table, so every replica
 * applies the same lock.
 *
 * @param threshold       the consecutive failures that lock the account the first time
 * @param initialDuration the first lock; each further failure doubles it
 * @param maxDuration     the longest lock
 */
@ConfigurationProperties("tollgate.auth.lockout")
public record LockoutConfig(
        @Bindable(defaultValue = "5") @Min(1) int threshold,
        @Bindable(defaultValue = "30s") @NotNull Duration initialDuration,
        @Bindable(defaultValue = "15m") @NotNull Duration maxDuration) {
}
