package io.tollgate.common.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;

import java.util.concurrent.TimeUnit;

/**
 * This service's OpenTelemetry SDK, seen two ways: {@link #internal()} carries the W3C trace
 * context (and nothing else: no baggage) across calls between Tollgate's services;
 * {@link #publicDoors()} makes the same spans but reads a caller's context only when trusted.
 */
public final class Tracing implements AutoCloseable {
    private final OpenTelemetrySdk sdk;
    private final OpenTelemetry internal;
    private final OpenTelemetry publicDoors;

    Tracing(OpenTelemetrySdk sdk, boolean trustCallerContext) {
        this.sdk = sdk;
        ContextPropagators w3c = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        this.internal = new View(sdk.getTracerProvider(), w3c);
        this.publicDoors = new View(sdk.getTracerProvider(), trustCallerContext ? w3c : ContextPropagators.noop());
    }

    /** For calls between Tollgate's services: the trace context travels both ways. */
    public OpenTelemetry internal() {
        return internal;
    }

    /** For calls from outside: a caller's trace context is read only when trusted by configuration. */
    public OpenTelemetry publicDoors() {
        return publicDoors;
    }

    /** Exports every ended span now (tests; shutdown does it too). */
    public void flush() {
        sdk.getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        sdk.getSdkTracerProvider().shutdown().join(10, TimeUnit.SECONDS);
    }

    /** The SDK's tracers with chosen propagators. */
    private record View(TracerProvider tracers, ContextPropagators propagators) implements OpenTelemetry {
        @Override
        public TracerProvider getTracerProvider() {
            return tracers;
        }

        @Override
        public ContextPropagators getPropagators() {
            return propagators;
        }
    }
}
