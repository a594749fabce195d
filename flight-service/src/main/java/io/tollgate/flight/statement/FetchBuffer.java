package io.tollgate.flight.statement;

import java.sql.SQLException;

/**
 * The driver's per-connection fetch limit (pgjdbc's {@code maxResultBuffer}). The driver reports
 * it as a communication failure (SQLSTATE 08S01) in the middle of reading a result, so the
 * connection is out of step with the server and must not be reused.
 */
public final class FetchBuffer {
    private FetchBuffer() {
    }

    /** Whether this failure is the fetch limit (not a lost connection). */
    public static boolean exceeded(SQLException error) {
        String message = error.getMessage();
        return "08S01".equals(error.getSQLState()) && message != null && message.contains("maxResultBuffer");
    }
}
