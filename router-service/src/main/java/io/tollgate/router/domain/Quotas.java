package io.tollgate.router.domain;

/**
 * Limits on a tenant's work; zero means the data service's default.
 *
 * @param requestsPerSecond     requests a data service accepts from the tenant per second, per replica
 * @param commitsPerMinute      table and view commits catalog-service accepts from the tenant per minute, per replica
 * @param maxSparkSessions      Spark Connect sessions the tenant may hold open at once, per connect-service replica
 * @param maxSparkOperations    Spark Connect operations the tenant may run at once, per connect-service replica
 * @param maxSparkArtifactBytes bytes of artifacts one of the tenant's Spark Connect sessions may upload
 */
public record Quotas(int maxConcurrentQueries, long statementTimeoutMs, long maxResultRows, long maxResultBytes,
                     int requestsPerSecond, int commitsPerMinute, int maxSparkSessions, int maxSparkOperations,
                     long maxSparkArtifactBytes) {
    public static final Quotas SERVICE_DEFAULTS = new Quotas(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
