package io.tollgate.common.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** What instrumentation recorded is cut down before it leaves the process. */
class RedactingSpanExporterTest {

    @Test
    void queryValuesExceptionTextAndStatusDescriptionsNeverLeaveTheProcess() {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (Tracing tracing = new TracingFactory().tracing(new TracingConfig(null, 1.0, false), List.of(exported), "svc")) {
            Span span = tracing.internal().getTracer("test").spanBuilder("GET /v1/{prefix}/namespaces")
                    .setAttribute("url.query", "pageToken=secret-page&access_token=eyJhbGciOi")
                    .setAttribute("url.full", "https://host/v1/config?warehouse=acme&sig=abc#frag")
                    .setAttribute("tenant.id", "acme")
                    .startSpan();
            span.recordException(new SQLException("duplicate key value: Key (email)=(alice@acme.test) already exists"));
            span.setStatus(StatusCode.ERROR, "SELECT secret FROM vault");
            span.end();
            tracing.flush();

            SpanData sent = exported.getFinishedSpanItems().get(0);
            assertEquals("pageToken=REDACTED&access_token=REDACTED", sent.getAttributes().get(AttributeKey.stringKey("url.query")));
            assertEquals("https://host/v1/config?warehouse=REDACTED&sig=REDACTED",
                    sent.getAttributes().get(AttributeKey.stringKey("url.full")));
            assertEquals("acme", sent.getAttributes().get(AttributeKey.stringKey("tenant.id")), "other attributes pass");
            EventData exception = sent.getEvents().get(0);
            assertEquals("java.sql.SQLException", exception.getAttributes().get(AttributeKey.stringKey("exception.type")));
            assertNull(exception.getAttributes().get(AttributeKey.stringKey("exception.message")));
            assertNull(exception.getAttributes().get(AttributeKey.stringKey("exception.stacktrace")));
            assertEquals(StatusCode.ERROR, sent.getStatus().getStatusCode());
            assertFalse(sent.getStatus().getDescription().contains("SELECT"));
        }
    }

    @Test
    void aValueWithoutQueryOrParametersIsLeftAlone() {
        assertEquals("https://host/v1/config", RedactingSpanExporter.withoutQueryValues("https://host/v1/config"));
        assertEquals("https://host/x?", RedactingSpanExporter.withoutQueryValues("https://host/x?"));
        assertEquals("flag&a=REDACTED", RedactingSpanExporter.withoutQueryValues("flag&a=1"));
    }
}
