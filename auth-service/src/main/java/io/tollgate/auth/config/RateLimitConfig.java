package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Token buckets in front of the token endpoint and gRPC Authenticate
 * ({@code tollgate.auth.rate-limit}). Kept in memory by each replica: with N replicas behind one
 * Service a caller can get up to N times these numbers; the lock-out, kept in the database, is
 * what bounds password guessing across replicas.
 *
 * @param enabled          whether requests are limited at all
 * @param accountCapacity  burst of attempts per account (name@tenant or client id)
 * @param accountRefill    one more attempt per account becomes available after this long
 * @param addressCapacity  burst of requests per client address
 * @param addressRefill    one more request per address becomes available after this long
 * @param maxTrackedKeys   buckets kept at most; full (idle) ones are dropped first
 */
@ConfigurationProperties("tollgate.auth.rate-limit")
public record RateLimitConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "20") @Min(1) int accountCapacity,
        @Bindable(defaultValue = "3s") @NotNull Duration accountRefill,
        @Bindable(defaultValue = "60") @Min(1) int addressCapacity,
        @Bindable(defaultValue = "1s") @NotNull Duration addressRefill,
        @Bindable(defaultValue = "100000") @Min(100) int maxTrackedKeys) {
}
