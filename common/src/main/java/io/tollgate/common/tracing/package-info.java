/**
 * Distributed tracing for every service, in one place: the OpenTelemetry SDK built from
 * {@code tollgate.tracing.*} (spans exported over OTLP only when an endpoint is set; a sampling
 * ratio), the gRPC interceptors that carry the W3C trace context over every internal hop (applied
 * by common's internal channels and, as a bean, by each service's gRPC server), the tracing of
 * public gRPC front doors (Flight SQL), and the {@code OpenTelemetry} bean that Micronaut's HTTP
 * server spans use. Calls from outside start a trace of their own unless
 * {@code tollgate.tracing.trust-caller-context} says otherwise. What leaves the process is
 * redacted here ({@link io.tollgate.common.tracing.RedactingSpanExporter}). Knows no service's
 * code and no wire protocol beyond gRPC's interceptors.
 */
package io.tollgate.common.tracing;
