package io.tollgate.flight.statement;

import io.tollgate.common.audit.AuditLine;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.AuditConfig;
import io.tollgate.flight.guard.StatementRefusedException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;

/**
 * One audit event per Flight SQL statement and ingest, on logger {@code io.tollgate.audit} in the
 * form auth-service uses ({@code event=<name> key=value ...}): tenant, subject, access class, what
 * was run (kind and a SHA-256 digest of the text; the text itself only with
 * {@code tollgate.flight.audit.sql-text}), rows, bytes, duration and outcome. Never a token, a
 * password or a bound parameter value.
 */
@Singleton
public class StatementAudit {
    private static final Logger AUDIT = LoggerFactory.getLogger(AuditLine.LOGGER);
    private static final int MAX_TEXT = 4096;

    private final boolean withText;

    public StatementAudit(AuditConfig config) {
        this.withText = config.sqlText();
    }

    /** Starts the event of one statement; it is written when the entry ends. */
    public Entry start(Principal principal, String event, String sql) {
        return new Entry(principal, event, sql);
    }

    /** One statement's event, written once by {@link #succeeded}, {@link #stopped} or {@link #failed}. */
    public final class Entry {
        private final Principal principal;
        private final String event;
        private final String sql;
        private final long startedNanos = System.nanoTime();
        private String kind = "-";
        private long rows = -1;
        private long bytes = -1;

        private Entry(Principal principal, String event, String sql) {
            this.principal = principal;
            this.event = event;
            this.sql = sql;
        }

        /** What the statement was classified as. */
        public Entry kind(Object kind) {
            this.kind = String.valueOf(kind).toLowerCase();
            return this;
        }

        /** Rows and bytes sent or affected ({@code -1}: not known). */
        public Entry counts(long rows, long bytes) {
            this.rows = rows;
            this.bytes = bytes;
            return this;
        }

        public void succeeded() {
            write("ok", "-");
        }

        /** The client went away before the end of the result. */
        public void stopped() {
            write("stopped", "-");
        }

        public void failed(Throwable error) {
            write(error instanceof StatementRefusedException ? "refused" : "failed", reason(error));
        }

        private void write(String outcome, String reason) {
            long micros = (System.nanoTime() - startedNanos) / 1_000;
            if (withText) {
                AUDIT.info("event={} tenant={} subject={} class={} kind={} sql_sha256={} rows={} bytes={} "
                                + "duration_ms={} outcome={} reason={} sql=\"{}\"", event, principal.tenantId(),
                        principal.subject(), AccessClass.of(principal).name().toLowerCase(), kind, digest(sql),
                        rows, bytes, micros / 1000.0, outcome, reason, text(sql));
            } else {
                AUDIT.info("event={} tenant={} subject={} class={} kind={} sql_sha256={} rows={} bytes={} "
                                + "duration_ms={} outcome={} reason={}", event, principal.tenantId(),
                        principal.subject(), AccessClass.of(principal).name().toLowerCase(), kind, digest(sql),
                        rows, bytes, micros / 1000.0, outcome, reason);
            }
        }
    }

    private static String reason(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof StatementRefusedException refused) {
                return refused.rule().wireName();
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "sqlstate:" + sql.getSQLState();
            }
        }
        return error.getClass().getSimpleName();
    }

    static String digest(String sql) {
        if (sql == null) {
            return "-";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(sql.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text on one line, quotes escaped, cut to a bounded length. */
    private static String text(String sql) {
        if (sql == null) {
            return "";
        }
        String line = sql.length() > MAX_TEXT ? sql.substring(0, MAX_TEXT) + "..." : sql;
        return line.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\r", "\\r");
    }
}
