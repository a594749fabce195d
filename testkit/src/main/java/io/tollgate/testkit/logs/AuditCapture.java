package io.tollgate.testkit.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the service writes to the audit logger ({@code io.tollgate.audit}) while open: a
 * real appender attached to the real Logback logger ({@link LogbackTap}). Incidents have their own
 * {@link IncidentCapture}.
 */
public final class AuditCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LogbackTap tap;

    private AuditCapture() {
        tap = LogbackTap.attach("io.tollgate.audit", "audit-capture",
                event -> lines.add(LogbackTap.formattedMessage(event)));
    }

    /** Starts recording. */
    public static AuditCapture start() {
        return new AuditCapture();
    }

    /** The lines recorded so far, formatted. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The recorded lines of one event ({@code event=<name>}). */
    public List<String> events(String name) {
        return lines.stream().filter(line -> line.startsWith("event=" + name + " ")).toList();
    }

    @Override
    public void close() {
        tap.close();
    }
}
