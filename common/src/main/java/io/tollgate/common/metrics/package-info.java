/**
 * Metrics every service shares (docs/operations.md#metrics): the bounded tenant tag
 * ({@link io.tollgate.common.metrics.TenantTags}) that is the only way a tenant id enters a
 * series, the settings ({@code tollgate.metrics.*}), and the scrape listener that serves the
 * Prometheus text on a port of its own, apart from every port a tenant can reach. Knows Micrometer
 * and Prometheus' client; must not import any service's code or a wire library's types.
 */
package io.tollgate.common.metrics;
