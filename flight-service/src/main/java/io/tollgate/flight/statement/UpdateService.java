package io.tollgate.flight.statement;

import io.tollgate.flight.error.InvalidRequestException;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.guard.StatementGate;
import io.tollgate.flight.quota.TenantMemory;
import io.tollgate.flight.transaction.StatementSession;
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
    private final StatementGate gate;
    private final TenantMemory tenantMemory;
    private final StatementWatchdog watchdog;
    private final StatementAudit audit;

    public UpdateService(SqlSessions sessions, TenantMemory tenantMemory, StatementGate gate,
                         StatementWatchdog watchdog, StatementAudit audit) {
        this.audit = audit;
        this.sessions = sessions;
        this.gate = gate;
        this.tenantMemory = tenantMemory;
        this.watchdog = watchdog;
    }

    /** Runs a statement; returns the rows affected, -1 when PostgreSQL does not say. */
    public long execute(Principal principal, String sql, byte[] transactionId) throws SQLException {
        StatementAudit.Entry entry = audit.start(principal, "sql.update", sql);
        try {
            entry.kind(gate.admit(principal, sql));
            long count = run(principal, sql, transactionId);
            entry.counts(count, -1).succeeded();
            return count;
        } catch (SQLException | RuntimeException e) {
            entry.failed(e);
            throw e;
        }
    }

    private long run(Principal principal, String sql, byte[] transactionId) throws SQLException {
        try (StatementSession session = sessions.openStatement(principal, transactionId);
             Statement statement = session.connection().createStatement();
             StatementWatchdog.Watch watch = watch(session, statement)) {
            long count;
            try {
                count = statement.execute(sql) ? -1 : statement.getLargeUpdateCount();
            } catch (SQLException | RuntimeException e) {
                QueryService.onFailure(e, session, watch);
                throw e;
            }
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
        StatementAudit.Entry entry = audit.start(principal, "sql.update", handle.sql());
        try {
            entry.kind(gate.admit(principal, handle.sql()));
            long count = runPrepared(principal, handle, uploaded);
            entry.counts(count, -1).succeeded();
            return count;
        } catch (SQLException | IOException | RuntimeException e) {
            entry.failed(e);
            throw e;
        }
    }

    private long runPrepared(Principal principal, StatementHandle handle, BatchSource uploaded)
            throws SQLException, IOException {
        try (BufferAllocator memory = tenantMemory.forQuery(principal.tenantId(), "update");
             StatementSession session = sessions.openStatement(principal, handle.transactionId());
             PreparedStatement statement = session.connection().prepareStatement(handle.sql());
             StatementWatchdog.Watch watch = watch(session, statement)) {
            try {
                return executePrepared(handle, uploaded, session, statement, memory);
            } catch (SQLException | IOException | RuntimeException e) {
                QueryService.onFailure(e, session, watch);
                throw e;
            }
        }
    }

    private static long executePrepared(StatementHandle handle, BatchSource uploaded, StatementSession session,
                                        PreparedStatement statement, BufferAllocator memory)
            throws SQLException, IOException {
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
                throw new InvalidRequestException("the statement has " + parameterCount
                        + " parameters but no values were bound");
            }
            counter.add(statement.execute() ? -1 : statement.getLargeUpdateCount());
        }
        session.complete();
        return counter.total();
    }

    /** The gateway's timeout on a statement: cancel it, then sever its connection. */
    private StatementWatchdog.Watch watch(StatementSession session, Statement statement) {
        return watchdog.watch(session.quotas().statementTimeoutMs(), () -> {
            try {
                statement.cancel();
            } catch (SQLException e) {
                // the sever that follows ends it anyway
            }
        }, session::sever);
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
