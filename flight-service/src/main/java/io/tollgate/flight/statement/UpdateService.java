package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.transaction.SqlSession;
import io.tollgate.flight.transaction.SqlSessions;
import io.tollgate.flight.types.ParameterBinder;
import jakarta.inject.Singleton;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs statements that change data (or define it) for a principal and counts the rows they
 * affected. A batch of parameter rows runs in one transaction: all rows or none. Each call holds
 * one of its tenant's concurrent-query permits while it runs. Knows nothing of Flight SQL's commands.
 */
@Singleton
public class UpdateService {
    /** Parameter rows sent to PostgreSQL per round trip. */
    static final int ROWS_PER_ROUND_TRIP = 1000;

    private final SqlSessions sessions;
    private final BufferAllocator allocator;
    private final FlightConfig config;

    public UpdateService(SqlSessions sessions, BufferAllocator allocator, FlightConfig config) {
        this.sessions = sessions;
        this.allocator = allocator;
        this.config = config;
    }

    /** Runs a statement; returns the rows affected, -1 when PostgreSQL does not say. */
    public long execute(Principal principal, String sql, byte[] transactionId) throws SQLException {
        checkSql(sql);
        try (SqlSession session = sessions.openStatement(principal, transactionId);
             Statement statement = session.connection().createStatement()) {
            long count = statement.execute(sql) ? -1 : statement.getLargeUpdateCount();
            session.complete();
            return count;
        }
    }

    /**
     * Runs a prepared statement once per parameter row: the rows uploaded with the call, else the
     * rows bound earlier and carried in the handle, else once without parameters.
     *
     * @return the rows affected in total, -1 when PostgreSQL does not say
     */
    public long executePrepared(Principal principal, StatementHandle handle, BatchSource uploaded)
            throws SQLException, IOException {
        checkSql(handle.sql());
        try (BufferAllocator memory = allocator.newChildAllocator("update", 0, config.queryMemoryBytes());
             SqlSession session = sessions.openStatement(principal, handle.transactionId());
             PreparedStatement statement = session.connection().prepareStatement(handle.sql())) {
            int parameterCount = statement.getParameterMetaData().getParameterCount();
            Counter counter = new Counter();
            long rows = bindAll(statement, uploaded, parameterCount, counter);
            if (rows == 0 && handle.hasParameters()) {
                try (ArrowStreamReader reader = ParameterSets.reader(handle.parameters(), memory)) {
                    rows = bindAll(statement, ParameterSets.batches(reader), parameterCount, counter);
                }
            }
            if (rows == 0) {
                if (parameterCount > 0) {
                    throw new IllegalArgumentException("the statement has " + parameterCount
                            + " parameters but no values were bound");
                }
                counter.add(statement.execute() ? -1 : statement.getLargeUpdateCount());
            }
            session.complete();
            return counter.total();
        }
    }

    private static long bindAll(PreparedStatement statement, BatchSource batches, int parameterCount,
                                Counter counter) throws SQLException {
        long rows = 0;
        int pending = 0;
        VectorSchemaRoot root = batches.root();
        while (batches.next()) {
            for (int row = 0; row < root.getRowCount(); row++) {
                ParameterBinder.bindRow(statement, root, row, parameterCount);
                statement.addBatch();
                rows++;
                if (++pending == ROWS_PER_ROUND_TRIP) {
                    counter.addAll(statement.executeLargeBatch());
                    pending = 0;
                }
            }
        }
        if (pending > 0) {
            counter.addAll(statement.executeLargeBatch());
        }
        return rows;
    }

    private void checkSql(String sql) {
        if (sql == null || sql.isBlank() || sql.length() > config.maxSqlLength()) {
            throw new IllegalArgumentException("SQL text is empty or longer than " + config.maxSqlLength() + " characters");
        }
    }

    /** Sums update counts; one unknown count makes the total unknown. */
    private static final class Counter {
        private long total;
        private boolean unknown;

        void add(long count) {
            if (count < 0) {
                unknown = true;
            } else {
                total += count;
            }
        }

        void addAll(long[] counts) {
            for (long count : counts) {
                add(count);
            }
        }

        long total() {
            return unknown ? -1 : total;
        }
    }
}
