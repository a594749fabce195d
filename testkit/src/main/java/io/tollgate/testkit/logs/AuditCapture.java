package io.tollgate.testkit.logs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records what the service writes to the audit logger ({@code io.tollgate.audit}), or to another
 * logger of ours ({@link #of}), while open: a real appender attached to the real Logback logger
 * ({@link LogbackTap}).
 */
public final class AuditCapture implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LogbackTap tap;

    private AuditCapture(String loggerName) {
        tap = LogbackTap.attach(loggerName, "audit-capture",
                event -> lines.add(LogbackTap.formattedMessage(event)));
    }

    /** Starts recording. */
    public static AuditCapture start() {
        return new AuditCapture("io.tollgate.audit");
    }

    /** Starts recording another logger (e.g. {@code io.tollgate.incident}, where incidents are logged). */
    public static AuditCapture of(String loggerName) {
        return new AuditCapture(loggerName);
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
