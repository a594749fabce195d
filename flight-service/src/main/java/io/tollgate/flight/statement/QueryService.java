package io.tollgate.flight.statement;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.config.LimitsConfig;
import io.tollgate.flight.copy.BinaryCopyReader;
import io.tollgate.flight.copy.CopyPlan;
import io.tollgate.flight.copy.CopyQueries;
import io.tollgate.flight.guard.StatementGate;
import io.tollgate.flight.quota.ResultLimit;
import io.tollgate.flight.quota.TenantMemory;
import io.tollgate.flight.transaction.SqlSession;
import io.tollgate.flight.transaction.SqlSessions;
import io.tollgate.flight.transaction.StatementSession;
import io.tollgate.flight.types.ParameterBinder;
import io.tollgate.flight.types.ParameterSchemas;
import io.tollgate.flight.types.ResultLayouts;
import jakarta.inject.Singleton;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.pojo.Schema;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs queries for a principal on its tenant's backend (in a transaction of the call's own, or in
 * the client's open transaction) and streams the rows as Arrow. Knows nothing of Flight SQL's
 * commands.
 */
@Singleton
public class QueryService {
    private static final Logger LOG = LoggerFactory.getLogger(QueryService.class);
    private final SqlSessions sessions;
    private final StatementGate gate;
    private final RunningStatements running;
    private final TenantMemory memory;
    private final StatementWatchdog watchdog;
    private final long fetchBytes;
    private final StatementAudit audit;
    private final FlightConfig config;
    private final QueryThreads threads;
    private final ResultLayouts layouts;
    private final LongAdder copyStreams = new LongAdder();

    /**
     * Rows of a result's first fetch on the JDBC path: a result of wide rows must not start with
     * thousands, and the first fetch must fit the driver's row limit (rows up to a quarter of it
     * always stream). A result of up to this many rows still takes one round trip.
     */
    static final int FIRST_FETCH_ROWS = 4;

    public QueryService(SqlSessions sessions, RunningStatements running, TenantMemory memory,
                        FlightConfig config, QueryThreads threads, ResultLayouts layouts, StatementGate gate,
                        StatementWatchdog watchdog, LimitsConfig limits, StatementAudit audit) {
        // Later fetches must fit the driver's row limit too, with room for the row that ends them.
        this.fetchBytes = Math.min(limits.maxRowBytes() / 2,
                fetchBudget(limits.fetchBufferBytes(), threads.maxStreams(), Runtime.getRuntime().maxMemory()));
        this.audit = audit;
        this.sessions = sessions;
        this.gate = gate;
        this.layouts = layouts;
        this.threads = threads;
        this.running = running;
        this.memory = memory;
        this.watchdog = watchdog;
        this.config = config;
    }

    /** The schema of the rows a statement would return, without running it. */
    public Schema describe(Principal principal, String sql, byte[] transactionId) throws SQLException {
        gate.admit(principal, sql);
        try (SqlSession session = sessions.open(principal, transactionId);
             PreparedStatement statement = session.connection().prepareStatement(sql)) {
            Schema schema = layouts.schemaOf(statement.getMetaData());
            session.complete();
            return schema;
        }
    }

    /** The schemas of a statement's rows and of its parameters, without running it. */
    public PreparedDescription prepare(Principal principal, String sql, byte[] transactionId) throws SQLException {
        gate.admit(principal, sql);
        try (SqlSession session = sessions.open(principal, transactionId);
             PreparedStatement statement = session.connection().prepareStatement(sql)) {
            PreparedDescription description = new PreparedDescription(
                    layouts.schemaOf(statement.getMetaData()),
                    ParameterSchemas.schemaOf(statement.getParameterMetaData()));
            session.complete();
            return description;
        }
    }

    /**
     * Runs a query and streams its rows, once per bound parameter row when the handle carries
     * parameters, within the tenant's quotas. Completes the sink on success; failures
     * (including a result over its quota, which stops the query) are thrown for the caller to map.
     *
     * @param runKey the name under which the query can be cancelled while it runs
     */
    public void stream(Principal principal, StatementHandle handle, String runKey, ResultSink sink)
            throws SQLException, IOException {
        StatementAudit.Entry entry = audit.start(principal, "sql.query", handle.sql());
        try {
            entry.kind(gate.admit(principal, handle.sql()));
            Outcome outcome = run(principal, handle, runKey, sink, entry);
            if (outcome == Outcome.COMMITTED) {
                // Only once the connection is back in its pool and the tenant's permit given back: a
                // client that starts its next query as soon as it sees this one end is never refused
                // because of this one.
                sink.completed();
            }
            if (outcome == Outcome.STOPPED) {
                entry.stopped();
            } else {
                entry.succeeded();
            }
        } catch (SQLException | IOException | RuntimeException e) {
            entry.failed(e);
            throw e;
        }
    }

    /** How a run ended. */
    private enum Outcome {
        /** Not every row was sent (the client went away); nothing to complete. */
        STOPPED,
        /** Every row sent and the work committed; the stream is for the caller to complete. */
        COMMITTED,
        /** Every row sent and the stream completed before the read-only transaction was closed. */
        ANSWERED
    }

    /** Runs and streams the query. */
    private Outcome run(Principal principal, StatementHandle handle, String runKey, ResultSink sink,
                        StatementAudit.Entry entry) throws SQLException, IOException {
        try (BufferAllocator queryMemory = memory.forQuery(principal.tenantId(), "query");
             StatementSession session = sessions.openStatement(principal, handle.transactionId());
             PreparedStatement statement = session.connection().prepareStatement(handle.sql());
             RunningStatements.Run run = running.start(runKey, principal, statement);
             StatementWatchdog.Watch watch = watchdog.watch(session.quotas().statementTimeoutMs(), run::cancel,
                     session::sever);
             ArrowStreamer streamer = new ArrowStreamer(sink, queryMemory, config.batchRows(), run::isCancelled,
                     () -> threads.runAside(run::cancel), ResultLimit.of(session.quotas()),
                     fetchBytes)) {
            // A first fetch of a few rows; the streamer then sizes fetches to the widths it sees.
            statement.setFetchSize(Math.min(config.fetchRows(), RowBytes.available() ? FIRST_FETCH_ROWS : 1));
            boolean finished;
            try {
                finished = handle.hasParameters()
                        ? streamEachParameterRow(statement, handle, queryMemory, streamer)
                        : streamQuery(session, statement, run, handle.sql(), queryMemory, streamer);
            } catch (SQLException | IOException | RuntimeException e) {
                entry.counts(streamer.rowsSent(), streamer.bytesSent());
                onFailure(e, session, watch);
                throw e;
            }
            entry.counts(streamer.rowsSent(), streamer.bytesSent());
            if (!finished) {
                return Outcome.STOPPED;
            }
            streamer.finish(() -> layouts.schemaOf(statement.getMetaData()));
            if (principal.isReadOnly() && !session.inClientTransaction()) {
                return answerThenClose(session, sink);
            }
            session.complete();
            return Outcome.COMMITTED;
        }
    }

    /**
     * The rows one streaming statement may fetch into the heap at once: the configured budget, but
     * never so much that every stream this replica may run at once, each holding its budget, would
     * need more than half the heap.
     */
    static long fetchBudget(long configured, int maxStreams, long maxHeap) {
        long fair = maxHeap / 2 / Math.max(1, maxStreams);
        if (fair < configured) {
            LOG.info("fetch budget per stream lowered from {} to {} bytes: {} streams must fit half the heap "
                    + "({} bytes)", configured, fair, maxStreams, maxHeap);
        }
        return Math.max(1, Math.min(configured, fair));
    }

    /**
     * What a failure means for the session: a row over the driver's limit, or a statement the
     * watchdog stopped, leaves its connection out of step, so it is discarded; the latter is
     * reported as the timeout it is, whatever cancelling it looked like.
     */
    static void onFailure(Exception failure, SqlSession session, StatementWatchdog.Watch watch) {
        if (failure instanceof SQLException sql && RowBytes.exceeded(sql)) {
            // The driver stopped in the middle of a message: the connection is out of step.
            session.abandon();
        }
        if (watch.expired()) {
            session.abandon();
            throw new StatementTimeoutException();
        }
    }

    /**
     * A read-only transaction of the statement's own has nothing left to lose once its rows are
     * sent: the client gets the end of the stream before the commit's round trip (one of three per
     * execution), and the permit goes back first so that its next statement is not refused. The
     * connection follows when the commit is done, or is discarded if the commit fails.
     */
    private static Outcome answerThenClose(StatementSession session, ResultSink sink) {
        session.releasePermit();
        sink.completed();
        orDiscard(session, session::complete, "closing an answered read-only transaction failed");
        return Outcome.ANSWERED;
    }

    /**
     * Runs a query without parameters, through binary COPY decoded straight into Arrow when every
     * column can be decoded exactly into the type announced for it (the fast path: no JDBC row
     * objects, no text), and the ordinary way otherwise.
     */
    private boolean streamQuery(SqlSession session, PreparedStatement statement, RunningStatements.Run run,
                                String sql, BufferAllocator memory, ArrowStreamer streamer)
            throws SQLException, IOException {
        ResultSetMetaData metadata = CopyQueries.isQuery(sql) ? statement.getMetaData() : null;
        if (metadata == null) {
            return streamOnce(statement, streamer);
        }
        List<String> pgTypes = new ArrayList<>();
        for (int column = 1; column <= metadata.getColumnCount(); column++) {
            pgTypes.add(metadata.getColumnTypeName(column));
        }
        try (VectorSchemaRoot batch = VectorSchemaRoot.create(layouts.of(metadata).schema(), memory)) {
            Optional<CopyPlan> plan = CopyPlan.of(pgTypes, batch);
            if (plan.isEmpty()) {
                return streamOnce(statement, streamer);
            }
            copyStreams.increment();
            BaseConnection connection = session.connection().unwrap(BaseConnection.class);
            BinaryCopyReader rows = new BinaryCopyReader(
                    new CopyManager(connection).copyOut(CopyQueries.copyOf(sql)), plan.get(), connection);
            run.alsoOnCancel(rows::interrupt);
            boolean finished = false;
            try {
                finished = streamer.write(rows, batch, threads);
                return finished;
            } finally {
                if (!finished) {
                    stop(rows, session);
                }
            }
        }
    }

    /**
     * Cancelled, failed, over its quota or abandoned by the client part-way through a COPY: the query
     * is stopped in PostgreSQL and the connection brought back in step, or discarded when that fails.
     */
    private static void stop(BinaryCopyReader rows, SqlSession session) {
        orDiscard(session, rows::stop, "an unfinished COPY could not be stopped cleanly");
    }

    /** Work on a session's connection that, if it fails, leaves the connection unfit to reuse. */
    @FunctionalInterface
    private interface ConnectionWork {
        void run() throws SQLException;
    }

    /** Runs the work; when it fails the session's connection is discarded instead of pooled again. */
    private static void orDiscard(SqlSession session, ConnectionWork work, String failure) {
        try {
            work.run();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("{}; discarding its connection: {}", failure, e.getMessage());
            session.abandon();
        }
    }

    /** Runs the statement once; one that returns no rows (an INSERT sent as a query) streams none. */
    private boolean streamOnce(PreparedStatement statement, ArrowStreamer streamer)
            throws SQLException, IOException {
        if (!statement.execute()) {
            return true;
        }
        try (ResultSet rows = statement.getResultSet()) {
            return streamer.write(rows, layouts.of(rows.getMetaData()));
        }
    }

    private boolean streamEachParameterRow(PreparedStatement statement, StatementHandle handle,
                                                  BufferAllocator memory, ArrowStreamer streamer)
            throws SQLException, IOException {
        // Known from when the statement was prepared; asking PostgreSQL again costs a round trip.
        int parameterCount = handle.prepared().known() ? handle.prepared().parameterCount()
                : statement.getParameterMetaData().getParameterCount();
        try (ArrowStreamReader reader = ParameterSets.reader(handle.parameters(), memory)) {
            BatchSource batches = ParameterSets.batches(reader);
            VectorSchemaRoot root = batches.root();
            while (batches.next()) {
                for (int row = 0; row < root.getRowCount(); row++) {
                    ParameterBinder.bindRow(statement, root, row, parameterCount);
                    if (!streamOnce(statement, streamer)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** How many results were streamed through binary COPY since start (the fast path). */
    public long copyStreams() {
        return copyStreams.sum();
    }

}
