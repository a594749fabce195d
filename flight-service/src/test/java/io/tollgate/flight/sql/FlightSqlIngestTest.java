package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Parameters.Row;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.FlightSqlClient.ExecuteIngestOptions;
import org.apache.arrow.flight.sql.FlightSqlClient.Transaction;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableExistsOption;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementIngest.TableDefinitionOptions.TableNotExistOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk ingest (CommandStatementIngest) with arrow-java's FlightSqlClient. */
class FlightSqlIngestTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient acme;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(List.of(DB.addTenant("acme", 4)));
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("a@acme", "acme", "tenant-admin"));
    }

    @AfterAll
    static void stop() throws Exception {
        acme.close();
        allocator.close();
        server.close();
    }

    private static ExecuteIngestOptions options(String table, TableNotExistOption ifMissing,
                                                TableExistsOption ifExists, boolean temporary) {
        return new ExecuteIngestOptions(table, TableDefinitionOptions.newBuilder()
                .setIfNotExist(ifMissing).setIfExists(ifExists).build(), temporary, null, null, Map.of());
    }

    private static long ingest(FlightSqlClient client, String table, TableNotExistOption ifMissing,
                               TableExistsOption ifExists, Row... rows) {
        try (VectorSchemaRoot data = Parameters.intAndText(allocator, rows)) {
            return client.executeIngest(data, options(table, ifMissing, ifExists, false));
        }
    }

    private static List<String> rows(String table) throws Exception {
        Results results = Results.read(acme, acme.execute("SELECT id || ':' || coalesce(text, '-') FROM \""
                + table.replace("\"", "\"\"") + "\" ORDER BY id"));
        return results.column(0);
    }

    @Test
    void ingestCreatesTheTableFromTheArrowSchemaThenAppendsAndReplaces() throws Exception {
        assertEquals(2, ingest(acme, "events", TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableExistsOption.TABLE_EXISTS_OPTION_FAIL, new Row(1, "a"), new Row(2, null)));
        assertEquals(List.of("1:a", "2:-"), rows("events"));
        assertEquals(1, ingest(acme, "events", TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL,
                TableExistsOption.TABLE_EXISTS_OPTION_APPEND, new Row(3, "c")));
        assertEquals(List.of("1:a", "2:-", "3:c"), rows("events"));
        assertEquals(1, ingest(acme, "events", TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL,
                TableExistsOption.TABLE_EXISTS_OPTION_REPLACE, new Row(9, "z")));
        assertEquals(List.of("9:z"), rows("events"));
    }

    @Test
    void theTablesExistenceMustBeWhatTheRequestAllows() {
        ingest(acme, "existing", TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableExistsOption.TABLE_EXISTS_OPTION_FAIL, new Row(1, "a"));
        FlightRuntimeException exists = assertThrows(FlightRuntimeException.class, () -> ingest(acme, "existing",
                TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE, TableExistsOption.TABLE_EXISTS_OPTION_FAIL,
                new Row(2, "b")));
        assertEquals(FlightStatusCode.ALREADY_EXISTS, exists.status().code());
        FlightRuntimeException missing = assertThrows(FlightRuntimeException.class, () -> ingest(acme, "missing",
                TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL, TableExistsOption.TABLE_EXISTS_OPTION_APPEND,
                new Row(1, "a")));
        assertEquals(FlightStatusCode.NOT_FOUND, missing.status().code());
        FlightRuntimeException unspecified = assertThrows(FlightRuntimeException.class, () -> ingest(acme, "x",
                TableNotExistOption.TABLE_NOT_EXIST_OPTION_UNSPECIFIED, TableExistsOption.TABLE_EXISTS_OPTION_FAIL,
                new Row(1, "a")));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, unspecified.status().code());
    }

    @Test
    void namesAreTakenLiterallyAndCannotInjectSql() throws Exception {
        String table = "Weird \"name\"; DROP TABLE events; --";
        ingest(acme, table, TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableExistsOption.TABLE_EXISTS_OPTION_FAIL, new Row(1, "x"));
        assertEquals(List.of("1:x"), rows(table));
        assertEquals(List.of(table), Results.read(acme, acme.getTables(null, "acme", "Weird%", null, false)).column(2));
    }

    @Test
    void ingestInATransactionIsInvisibleUntilCommitAndGoneAfterRollback() throws Exception {
        Transaction kept = acme.beginTransaction();
        try (VectorSchemaRoot data = Parameters.intAndText(allocator, new Row(1, "kept"))) {
            acme.executeIngest(data, options("staged", TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                    TableExistsOption.TABLE_EXISTS_OPTION_FAIL, false), kept);
        }
        assertEquals(List.of(), Results.read(acme, acme.getTables(null, "acme", "staged", null, false)).rows());
        acme.commit(kept);
        assertEquals(List.of("1:kept"), rows("staged"));

        Transaction dropped = acme.beginTransaction();
        try (VectorSchemaRoot data = Parameters.intAndText(allocator, new Row(2, "dropped"))) {
            acme.executeIngest(data, options("staged", TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL,
                    TableExistsOption.TABLE_EXISTS_OPTION_APPEND, false), dropped);
        }
        acme.rollback(dropped);
        assertEquals(List.of("1:kept"), rows("staged"));
    }

    @Test
    void aTemporaryTableLivesAsLongAsItsTransaction() throws Exception {
        FlightRuntimeException outside = assertThrows(FlightRuntimeException.class, () -> {
            try (VectorSchemaRoot data = Parameters.intAndText(allocator, new Row(1, "t"))) {
                acme.executeIngest(data, options("scratch", TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                        TableExistsOption.TABLE_EXISTS_OPTION_FAIL, true));
            }
        });
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, outside.status().code());

        Transaction transaction = acme.beginTransaction();
        try (VectorSchemaRoot data = Parameters.intAndText(allocator, new Row(1, "t"), new Row(2, "u"))) {
            assertEquals(2, acme.executeIngest(data, options("scratch",
                    TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE, TableExistsOption.TABLE_EXISTS_OPTION_FAIL,
                    true), transaction));
        }
        assertEquals(List.of("t", "u"), Results.read(acme,
                acme.execute("SELECT text FROM pg_temp.scratch ORDER BY id", transaction)).column(0));
        acme.commit(transaction);
        FlightRuntimeException gone = assertThrows(FlightRuntimeException.class,
                () -> acme.execute("SELECT * FROM pg_temp.scratch"));
        assertTrue(gone.getMessage().contains("42P01"), gone.getMessage());
    }

    @Test
    void aReadersIngestIsPermissionDenied() throws Exception {
        try (FlightSqlClient reader = server.client(allocator, server.token("r@acme", "acme", "reader"))) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, () -> ingest(reader, "nope",
                    TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE, TableExistsOption.TABLE_EXISTS_OPTION_FAIL,
                    new Row(1, "a")));
            assertEquals(FlightStatusCode.UNAUTHORIZED, refused.status().code());
            assertTrue(refused.getMessage().contains("statement refused [access-class]"), refused.getMessage());
        }
    }

    @Test
    void aWriterAppendsToAnExistingTableButCreatingOneIsATenantAdminsDdl() throws Exception {
        ingest(acme, "writer_target", TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                TableExistsOption.TABLE_EXISTS_OPTION_FAIL, new Row(1, "a"));
        try (FlightSqlClient writer = server.client(allocator, server.token("w@acme", "acme", "writer"))) {
            assertEquals(1, ingest(writer, "writer_target", TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL,
                    TableExistsOption.TABLE_EXISTS_OPTION_APPEND, new Row(2, "b")));
            FlightRuntimeException created = assertThrows(FlightRuntimeException.class, () -> ingest(writer,
                    "writer_new", TableNotExistOption.TABLE_NOT_EXIST_OPTION_CREATE,
                    TableExistsOption.TABLE_EXISTS_OPTION_FAIL, new Row(1, "a")));
            assertEquals(FlightStatusCode.UNAUTHORIZED, created.status().code());
            assertEquals("statement refused [access-class]: a writer may not run DDL", created.status().description());
            FlightRuntimeException replaced = assertThrows(FlightRuntimeException.class, () -> ingest(writer,
                    "writer_target", TableNotExistOption.TABLE_NOT_EXIST_OPTION_FAIL,
                    TableExistsOption.TABLE_EXISTS_OPTION_REPLACE, new Row(1, "a")));
            assertEquals(FlightStatusCode.UNAUTHORIZED, replaced.status().code());
        }
    }
}
