package io.tollgate.common.error;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A failure nobody planned for, recorded in the log under a correlation id. The caller sees
 * {@link #publicMessage()} and nothing else; operators find the stack by the id.
 *
 * @param id the correlation id: 16 hex digits, random, so it says nothing about the request
 */
public record Incident(String id) {
    private static final Logger LOG = LoggerFactory.getLogger("io.tollgate.incident");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern PUBLIC_MESSAGE = Pattern.compile("internal error \\(ref [0-9a-f]{16}\\)");

    public Incident {
        if (id == null || !id.matches("[0-9a-f]{16}")) {
            throw new IllegalArgumentException("incident id");
        }
    }

    /**
     * Logs {@code error} with its stack at ERROR under a new id.
     *
     * @param where what was being done, in our own words (a route template, an RPC name); never
     *              the caller's text
     */
    public static Incident record(String where, Throwable error) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        Incident incident = new Incident(HexFormat.of().formatHex(bytes));
        LOG.error("incident {}: {} failed unexpectedly", incident.id, where, error);
        return incident;
    }

    /** Whether a text is an incident's public message (already the generic answer, nothing to hide). */
    public static boolean isPublicMessage(String text) {
        return text != null && PUBLIC_MESSAGE.matcher(text).matches();
    }

    /** The whole of what a caller learns. */
    public String publicMessage() {
        return "internal error (ref " + id + ")";
    }
}
