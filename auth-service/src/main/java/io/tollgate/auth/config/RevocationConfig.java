package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How revocations reach WatchRevocations streams ({@code tollgate.auth.revocations}).
 *
 * @param pollInterval how often each replica reads the revocation log for entries other replicas
 *                     (or this one) committed; the upper bound of live-delivery latency
 * @param pageSize     revocations per message during a stream's catch-up
 */
@ConfigurationProperties("tollgate.auth.revocations")
public record RevocationConfig(
        @Bindable(defaultValue = "200ms") @NotNull Duration pollInterval,
        @Bindable(defaultValue = "1000") @Min(1) @Max(10_000) int pageSize) {
}
