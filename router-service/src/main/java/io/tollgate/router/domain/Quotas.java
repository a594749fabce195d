package io.tollgate.router.domain;

/** Limits on a tenant's work; zero means the data service's default. */
public record Quotas(int maxConcurrentQueries, long statementTimeoutMs, long maxResultRows, long maxResultBytes) {
    public static final Quotas SERVICE_DEFAULTS = new Quotas(0, 0, 0, 0);
}
