package io.tollgate.common.tracing;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.tracing.opentelemetry.instrument.http.server.OpenTelemetryServerFilter;
import io.opentelemetry.api.trace.Span;

/**
 * Builds Micronaut's HTTP server tracing (its filter and instrumenter) and runs one span through the
 * SDK while the service starts rather than on its first request: the classes then load before
 * traffic does, so a neighbour's first call (a JWKS fetch has a short timeout) does not pay for
 * them. The span, {@code start-up}, is exported like any other: it marks when the service started.
 */
@Context
@Requires(classes = OpenTelemetryServerFilter.class)
final class HttpTracingWarmUp {

    HttpTracingWarmUp(BeanProvider<OpenTelemetryServerFilter> filter, Tracing tracing) {
        filter.ifPresent(built -> {
        });
        Span span = tracing.internal().getTracer("io.tollgate.common.tracing").spanBuilder("start-up")
                .setNoParent().startSpan();
        span.end();
    }
}
