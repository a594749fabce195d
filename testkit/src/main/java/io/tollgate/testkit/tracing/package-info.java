/**
 * The spans a service made in a test ({@link io.tollgate.testkit.tracing.CapturedSpans}), captured
 * in memory behind the service's own tracing pipeline (common's SDK, sampler and redaction), for
 * tests that follow a trace across services. Generic over the service; must not import any
 * service module.
 */
package io.tollgate.testkit.tracing;
