package io.tollgate.common.tracing;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;

/**
 * How a service traces ({@code tollgate.tracing}).
 *
 * @param otlpEndpoint       where spans are sent, OTLP over HTTP (e.g.
 *                           {@code http://otel-collector:4318/v1/traces}); unset: spans are made
 *                           (and their ids logged and passed on) but sent nowhere
 * @param sampleRatio        the share of new traces recorded and exported, 0 to 1; a call that
 *                           continues a trace follows the decision its caller made
 * @param trustCallerContext whether a public front door (Flight SQL, HTTP) continues a trace context
 *                           its caller sent; off, every outside call starts a trace of its own, so a
 *                           tenant can neither choose trace ids nor force its calls to be recorded.
 *                           Calls between Tollgate's services always carry the context.
 */
@ConfigurationProperties("tollgate.tracing")
public record TracingConfig(
        @Nullable URI otlpEndpoint,
        @Bindable(defaultValue = "1.0") double sampleRatio,
        @Bindable(defaultValue = "false") boolean trustCallerContext) {

    public TracingConfig {
        if (!(sampleRatio >= 0.0 && sampleRatio <= 1.0)) {
            throw new ConfigurationException("tollgate.tracing.sample-ratio must be between 0 and 1");
        }
        if (otlpEndpoint != null && !("http".equals(otlpEndpoint.getScheme()) || "https".equals(otlpEndpoint.getScheme()))) {
            throw new ConfigurationException("tollgate.tracing.otlp-endpoint must be an http or https URL");
        }
    }
}
