package io.tollgate.flight.ingest;

import io.tollgate.flight.error.InvalidRequestException;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.guard.StatementGate;
import io.tollgate.flight.guard.StatementKind;
import io.tollgate.flight.statement.BatchSource;
import io.tollgate.flight.statement.StatementAudit;
import io.tollgate.flight.transaction.SqlSession;
import io.tollgate.flight.transaction.SqlSessions;
import io.tollgate.flight.types.ParameterBinder;
import io.tollgate.flight.types.PgColumnTypes;
import jakarta.inject.Singleton;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;

/**
 * Loads uploaded Arrow rows into a table of the principal's tenant, creating, replacing or
 * appending to it as asked: all in one transaction (the call's own, or the client's), so a failed
 * ingest leaves nothing behind. Rows are written with a parameterised batch INSERT; names, which
 * PostgreSQL cannot take as parameters, are always quoted ({@link SqlIdentifiers}). An ingest holds
 * one of its tenant's concurrent-query permits while it runs. Knows nothing of Flight SQL's commands.
 */
@Singleton
public class IngestService {
    static final int ROWS_PER_ROUND_TRIP = 1000;

    private final SqlSessions sessions;
    private final StatementGate gate;
    private final StatementAudit audit;

    public IngestService(SqlSessions sessions, StatementGate gate, StatementAudit audit) {
        this.sessions = sessions;
        this.gate = gate;
        this.audit = audit;
    }

    /** Loads every row of {@code rows}; returns how many were written. */
    public long ingest(Principal principal, IngestRequest request, BatchSource rows) throws SQLException {
        StatementAudit.Entry entry = audit.start(principal, "sql.ingest", request.table()).kind("ingest");
        try {
            long written = load(principal, request, rows);
            entry.counts(written, -1).succeeded();
            return written;
        } catch (SQLException | RuntimeException e) {
            entry.failed(e);
            throw e;
        }
    }

    private long load(Principal principal, IngestRequest request, BatchSource rows) throws SQLException {
        Schema schema = rows.root().getSchema();
        check(request, schema);
        gate.admit(principal, StatementKind.WRITE);
        try (SqlSession session = sessions.openStatement(principal, request.transactionId())) {
            Connection connection = session.connection();
            checkCatalog(connection, request.catalog());
            String schemaName = request.temporary() ? "pg_temp"
                    : request.schema() != null ? request.schema() : currentSchema(connection);
            String table = SqlIdentifiers.quote(schemaName, "schema") + "."
                    + SqlIdentifiers.quote(request.table(), "table");
            prepareTable(principal, connection, request, schemaName, table, schema);
            long written = insert(connection, table, schema, rows);
            session.complete();
            return written;
        }
    }

    private static void check(IngestRequest request, Schema schema) {
        if (request.temporary() && request.schema() != null) {
            throw new InvalidRequestException("a temporary table lives in the session's temporary schema: "
                    + "do not name a schema");
        }
        if (request.temporary() && request.transactionId().length == 0) {
            // A pooled connection outlives the call: a temporary table must go with the
            // transaction, or the next user of the connection would find it.
            throw new InvalidRequestException("a temporary table lives only as long as its transaction: "
                    + "ingest into one with a transaction id");
        }
        if (schema.getFields().isEmpty()) {
            throw new InvalidRequestException("the uploaded data has no columns");
        }
    }

    private static void checkCatalog(Connection connection, String catalog) throws SQLException {
        if (catalog == null) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_database()")) {
            rs.next();
            if (!catalog.equals(rs.getString(1))) {
                throw new InvalidRequestException("unknown catalog: the only catalog is the tenant's database");
            }
        }
    }

    private static String currentSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) {
                throw new InvalidRequestException("no schema was given and the session has no current schema");
            }
            return schema;
        }
    }

    /** Makes sure the table is there to append to; creating or replacing it is a tenant-admin's DDL. */
    private void prepareTable(Principal principal, Connection connection, IngestRequest request, String schemaName,
                              String table, Schema schema) throws SQLException {
        boolean exists = exists(connection, schemaName, request.table());
        if (exists) {
            switch (request.ifExists()) {
                case FAIL -> throw new IngestTargetException(IngestTargetException.Kind.EXISTS);
                case APPEND -> {
                    return;
                }
                case REPLACE -> {
                    gate.admit(principal, StatementKind.DDL);
                    execute(connection, "DROP TABLE " + table);
                }
            }
        } else if (request.ifMissing() == IngestRequest.IfMissing.FAIL) {
            throw new IngestTargetException(IngestTargetException.Kind.MISSING);
        }
        gate.admit(principal, StatementKind.DDL);
        execute(connection, createTable(request, table, schema.getFields()));
    }

    private static boolean exists(Connection connection, String schemaName, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT to_regclass(quote_ident(?) || '.' || quote_ident(?)) IS NOT NULL")) {
            statement.setString(1, schemaName);
            statement.setString(2, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String createTable(IngestRequest request, String table, List<Field> fields) {
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        for (Field field : fields) {
            columns.add(SqlIdentifiers.quote(field.getName(), "column") + " " + PgColumnTypes.of(field)
                    + (field.isNullable() ? "" : " NOT NULL"));
        }
        return request.temporary()
                ? "CREATE TEMPORARY TABLE " + table + " " + columns + " ON COMMIT DROP"
                : "CREATE TABLE " + table + " " + columns;
    }

    private static long insert(Connection connection, String table, Schema schema, BatchSource rows)
            throws SQLException {
        StringJoiner columns = new StringJoiner(", ", "(", ")");
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (Field field : schema.getFields()) {
            columns.add(SqlIdentifiers.quote(field.getName(), "column"));
            values.add("?");
        }
        long written = 0;
        int pending = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + table + " " + columns + " VALUES " + values)) {
            VectorSchemaRoot root = rows.root();
            int width = schema.getFields().size();
            while (rows.next()) {
                for (int row = 0; row < root.getRowCount(); row++) {
                    ParameterBinder.bindRow(insert, root, row, width);
                    insert.addBatch();
                    written++;
                    if (++pending == ROWS_PER_ROUND_TRIP) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                insert.executeBatch();
            }
        }
        return written;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
