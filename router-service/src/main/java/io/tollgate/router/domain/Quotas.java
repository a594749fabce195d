package io.tollgate.router.domain;

/**
 * Limits on a tenant's work; zero means the data service's default.
 *
 * @param requestsPerSecond requests a data service accepts from the tenant per second, per replica
 * @param commitsPerMinute  table and view commits catalog-service accepts from the tenant per minute, per replica
 */
public record Quotas(int maxConcurrentQueries, long statementTimeoutMs, long maxResultRows, long maxResultBytes,
                     int requestsPerSecond, int commitsPerMinute) {
    public static final Quotas SERVICE_DEFAULTS = new Quotas(0, 0, 0, 0, 0, 0);
}
