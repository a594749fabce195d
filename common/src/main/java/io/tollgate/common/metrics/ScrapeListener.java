package io.tollgate.common.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.tollgate.common.ports.PortsReport;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Serves the Prometheus scrape ({@code GET /metrics}) on {@code tollgate.metrics.port}, a port of
 * its own: the series name tenants, and auth-service's and catalog-service's HTTP ports are open to
 * every tenant, so the scrape is served where only the monitoring namespace is let in (the
 * NetworkPolicy of deploy/components/monitoring; docs/security.md#metrics). Prometheus' own
 * server (a bounded pool of at most ten threads) renders the registry's series; unset, there is no
 * listener at all.
 */
@Context
@Requires(property = "tollgate.metrics.port")
public final class ScrapeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ScrapeListener.class);

    private final HTTPServer server;

    public ScrapeListener(MetricsConfig config, PrometheusMeterRegistry registry, @Nullable PortsReport report) {
        int port = config.port();
        if (port < 0 || port > 65535) {
            throw new ConfigurationException("tollgate.metrics.port must be a port number (0 for any free one)");
        }
        try {
            server = HTTPServer.builder().port(port).registry(registry.getPrometheusRegistry()).buildAndStart();
        } catch (IOException e) {
            throw new UncheckedIOException("the metrics listener could not start on port " + port, e);
        }
        if (report != null) {
            report.put("metrics", server.getPort());
        }
        LOG.info("Prometheus metrics served at /metrics on port {}", server.getPort());
    }

    /** The port actually bound (differs from the configured one when that was 0). */
    public int port() {
        return server.getPort();
    }

    @PreDestroy
    @Override
    public void close() {
        server.close();
    }
}
