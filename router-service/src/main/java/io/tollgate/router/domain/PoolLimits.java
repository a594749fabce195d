package io.tollgate.router.domain;

/** Bounds for a backend's connection pool in each data-service replica. */
public record PoolLimits(int maxConnections, int minIdle, long connectionTimeoutMs) {
    public static final PoolLimits DEFAULTS = new PoolLimits(10, 0, 5000);
}
