package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code tollgate.router.deletion.*} settings.
 *
 * @param drainPeriod   how long a tenant stays {@code deleting} (refused by the data services, its
 *                      in-flight work finishing) before it is removed from the registry
 * @param checkInterval how often drained tenants are looked for ({@code @Scheduled} reads the same key)
 */
@ConfigurationProperties("tollgate.router.deletion")
public record DeletionConfig(
        @Bindable(defaultValue = "10m") Duration drainPeriod,
        @Bindable(defaultValue = "30s") Duration checkInterval) {
}
