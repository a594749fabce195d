package io.tollgate.flight.statement;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.QueryExecutorBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The driver's row limit ({@code tollgate.flight.limits.max-row-bytes}, pgjdbc's
 * {@code maxResultBuffer}). pgjdbc checks a row's size against it before allocating the row's
 * values, which is the only place a row can be refused before it is in the heap; but it counts the
 * bytes of every extended-protocol result the connection ever read and clears the count only after
 * simple-protocol queries. The gateway therefore clears it itself before each statement and after
 * each batch, so that the limit bounds one row and one fetch. pgjdbc keeps its stream in a
 * protected field: if a later driver moves it, {@link #available()} says so at start and the
 * gateway reads through JDBC with one-row first fetches instead (each row checked before the next).
 */
public final class RowBytes {
    private static final Logger LOG = LoggerFactory.getLogger(RowBytes.class);
    private static final Field STREAM = streamField();

    private RowBytes() {
    }

    /** Whether the count can be cleared (else rows are fetched one at a time first). */
    public static boolean available() {
        return STREAM != null;
    }

    /** Clears the bytes the driver has counted on this connection. */
    public static void clear(Connection connection) throws SQLException {
        if (STREAM == null) {
            return;
        }
        QueryExecutor executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
        try {
            ((PGStream) STREAM.get(executor)).clearResultBufferCount();
        } catch (IllegalAccessException | ClassCastException e) {
            throw new SQLException("cannot clear the driver's row count", "XX000", e);
        }
    }

    /** Whether a failure is the driver refusing a row over the limit (not a lost connection). */
    public static boolean exceeded(SQLException error) {
        String message = error.getMessage();
        return "08S01".equals(error.getSQLState()) && message != null && message.contains("maxResultBuffer");
    }

    private static Field streamField() {
        try {
            Field field = QueryExecutorBase.class.getDeclaredField("pgStream");
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("pgjdbc's stream is not reachable ({}): results read through JDBC start with one-row fetches",
                    e.toString());
            return null;
        }
    }
}
