package io.tollgate.catalog.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;

/**
 * Per-tenant request and commit rates ({@code tollgate.catalog.quotas.*}), for tenants whose
 * registry quotas leave them at 0. A default of 0 means "no limit". Like flight-service's quotas
 * they are per replica: a tenant served by three replicas may make three times as many requests.
 *
 * @param defaultRequestsPerSecond requests a tenant may make per second
 * @param defaultCommitsPerMinute  table and view commits (and multi-table transactions) a tenant
 *                                 may make per minute
 * @param maxTrackedTenants        tenants whose buckets are kept at once; past it, full buckets are
 *                                 forgotten (and, under a flood, all of them)
 */
@ConfigurationProperties("tollgate.catalog.quotas")
public record QuotaConfig(
        @Bindable(defaultValue = "0") @Min(0) int defaultRequestsPerSecond,
        @Bindable(defaultValue = "0") @Min(0) int defaultCommitsPerMinute,
        @Bindable(defaultValue = "10000") @Min(1) int maxTrackedTenants) {
}
