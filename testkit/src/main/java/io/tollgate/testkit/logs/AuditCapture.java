package io.tollgate.testkit.logs;

import io.opentelemetry.api.trace.Span;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the service writes to the audit logger ({@code io.tollgate.audit}) while open: a
 * real appender attached to the real Logback logger ({@link LogbackTap}), with the trace id current
 * where each line was written (what the services' log lines print as {@code trace_id}). Incidents
 * have their own {@link IncidentCapture}.
 */
public final class AuditCapture implements AutoCloseable {
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final LogbackTap tap;

    private record Line(String text, String traceId) {
    }

    private AuditCapture() {
        tap = LogbackTap.attach("io.tollgate.audit", "audit-capture",
                event -> lines.add(new Line(LogbackTap.formattedMessage(event),
                        Span.current().getSpanContext().getTraceId())));
    }

    /** Starts recording. */
    public static AuditCapture start() {
        return new AuditCapture();
    }

    /** The lines recorded so far, formatted. */
    public List<String> lines() {
        return lines.stream().map(Line::text).toList();
    }

    /** The recorded lines of one event ({@code event=<name>}). */
    public List<String> events(String name) {
        return lines.stream().map(Line::text).filter(line -> isEvent(line, name)).toList();
    }

    /** The trace id of each recorded line of one event; all zeros where no trace was current. */
    public List<String> traceIds(String name) {
        return lines.stream().filter(line -> isEvent(line.text(), name)).map(Line::traceId).toList();
    }

    private static boolean isEvent(String line, String name) {
        return line.startsWith("event=" + name + " ");
    }

    @Override
    public void close() {
        tap.close();
    }
}
