package io.tollgate.common.metrics;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.annotation.Nullable;

/**
 * Metrics settings ({@code tollgate.metrics.*}).
 *
 * @param port          the port of the scrape listener ({@code GET /metrics}, Prometheus text);
 *                      unset, the service serves no scrape (its meters still count); 0 lets the
 *                      kernel choose (tests; reported as {@code metrics})
 * @param tenantSeries  how many tenants get series of their own (the first seen); every later
 *                      tenant is counted under {@link TenantTags#OTHER}
 */
@ConfigurationProperties("tollgate.metrics")
public record MetricsConfig(
        @Nullable Integer port,
        @Bindable(defaultValue = "50") int tenantSeries) {
}
