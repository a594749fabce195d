package io.tollgate.catalog.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The bounds of the metrics reports Iceberg clients send after scans and commits
 * ({@code tollgate.catalog.metrics-reports}), kept per tenant in the catalog's schema.
 *
 * @param maxBytes     the largest report accepted, in bytes of its JSON body; a larger one is
 *                     refused with 400
 * @param maxPerTenant reports kept per tenant: storing one more deletes that tenant's oldest
 */
@ConfigurationProperties("tollgate.catalog.metrics-reports")
public record MetricsReportsConfig(
        @Bindable(defaultValue = "65536") @Min(1024) @Max(16_777_216) int maxBytes,
        @Bindable(defaultValue = "10000") @Min(1) int maxPerTenant) {
}
