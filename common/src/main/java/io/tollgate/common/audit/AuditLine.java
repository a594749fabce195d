package io.tollgate.common.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit event in the shared form: {@code event=<name> key=value ...} on logger
 * {@value #LOGGER}. Values are the caller's text as often as not, so each is cleaned: on one
 * line, at most {@value #MAX_FIELD} characters, "-" when absent. Never pass a password, a secret
 * or a token: name a token by its jti.
 */
public final class AuditLine {
    /** The audit trail's logger name. */
    public static final String LOGGER = "io.tollgate.audit";
    private static final Logger AUDIT = LoggerFactory.getLogger(LOGGER);
    private static final int MAX_FIELD = 200;

    /** The line so far: written once, field by field (every audited call builds one). */
    private final StringBuilder line = new StringBuilder(160);

    private AuditLine(String event) {
        line.append("event=").append(event);
    }

    /** Starts the line of one event, e.g. {@code catalog.mutation}. */
    public static AuditLine event(String name) {
        return new AuditLine(name);
    }

    /** Adds {@code key=value}; a null or blank value is written "-". */
    public AuditLine with(String key, Object value) {
        appendClean(line.append(' ').append(key).append('='), value == null ? null : String.valueOf(value));
        return this;
    }

    /** The line as it is logged. */
    public String text() {
        return line.toString();
    }

    /** Writes the line at INFO. */
    public void log() {
        if (AUDIT.isInfoEnabled()) {
            AUDIT.info(text());
        }
    }

    /** Caller-supplied text on one line and short; "-" when there is none. */
    public static String clean(String text) {
        return appendClean(new StringBuilder(), text).toString();
    }

    private static StringBuilder appendClean(StringBuilder to, String text) {
        if (text == null || text.isBlank()) {
            return to.append('-');
        }
        int length = Math.min(text.length(), MAX_FIELD);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            to.append(breaksTheLine(c) ? '_' : c);
        }
        return text.length() > MAX_FIELD ? to.append("...") : to;
    }

    // Control characters (C0 and C1: NEL included) and every kind of space or separator (U+2028 and
    // U+2029 too): a log reader may take any of them for the end of a line or of a field. A loop, not
    // a regular expression: this runs for every field of every audited call.
    private static boolean breaksTheLine(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
