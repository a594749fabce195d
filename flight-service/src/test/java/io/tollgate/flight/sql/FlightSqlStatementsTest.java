package io.tollgate.flight.sql;

import com.google.protobuf.Any;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Parameters;
import io.tollgate.flight.support.Parameters.Row;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Queries, updates and prepared statements with arrow-java's FlightSqlClient. */
class FlightSqlStatementsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient acme;
    static FlightSqlClient acmeReader;
    static FlightSqlClient globex;
    static List<Tenant> tenants;

    @BeforeAll
    static void start() throws Exception {
        tenants = ShopSchema.create(DB);
        server = FlightSqlServer.start(tenants);
        DB.executeAs("acme", "CREATE TABLE notes (id int PRIMARY KEY, body text)");
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("w@acme", "acme", "writer"));
        acmeReader = server.client(allocator, server.token("r@acme", "acme", "reader"));
        globex = server.client(allocator, server.token("w@globex", "globex", "writer"));
    }

    @AfterAll
    static void stop() throws Exception {
        acme.close();
        acmeReader.close();
        globex.close();
        allocator.close();
        server.close();
    }

    @Test
    void aPreparedStatementAnnouncesItsDatasetAndParameterSchemas() {
        try (FlightSqlClient.PreparedStatement prepared =
                     acme.prepare("SELECT id, name FROM customers WHERE id = ? AND name <> ?")) {
            assertEquals(List.of("id", "name"),
                    prepared.getResultSetSchema().getFields().stream().map(Field::getName).toList());
            assertEquals(List.of(new ArrowType.Int(32, true), ArrowType.Utf8.INSTANCE),
                    prepared.getParameterSchema().getFields().stream().map(Field::getType).toList());
        }
        try (FlightSqlClient.PreparedStatement update = acme.prepare("DELETE FROM notes WHERE id = ?")) {
            assertTrue(update.getResultSetSchema().getFields().isEmpty(), "an update returns no rows");
        }
    }

    @Test
    void parametersBoundToAPreparedQueryComeBackInANewHandleAndEachRowIsRun() throws Exception {
        try (FlightSqlClient.PreparedStatement prepared =
                     acme.prepare("SELECT id, name FROM customers WHERE id = ? OR name = ? ORDER BY id")) {
            prepared.setParameters(Parameters.intAndText(allocator, new Row(1, null), new Row(null, "Edsger")));
            FlightInfo info = prepared.execute();
            Results rows = Results.read(acme, info);
            assertEquals(List.of("Ada", "Edsger"), rows.column(1), "one result per parameter row, in order");
            assertEquals(info.getSchemaOptional().orElseThrow(), rows.schema());
        }
    }

    @Test
    void aStatementPreparedAndBoundOnOneReplicaIsDescribedAndRunByAnother() throws Exception {
        try (FlightSqlServer other = FlightSqlServer.start(tenants);
             FlightClient elsewhere = FlightClient.builder(allocator, other.location()).build();
             FlightSqlClient elsewhereSql = other.client(allocator, other.token("w@acme", "acme", "writer"));
             FlightSqlClient.PreparedStatement prepared =
                     acme.prepare("SELECT id, name FROM customers WHERE id = ? OR name = ? ORDER BY id")) {
            prepared.setParameters(Parameters.intAndText(allocator, new Row(2, null)));
            FlightInfo here = prepared.execute();
            // The other replica never saw the statement prepared: it asks PostgreSQL for the schema.
            FlightInfo there = elsewhere.getInfo(here.getDescriptor(),
                    new CredentialCallOption(new BearerCredentialWriter(other.token("w@acme", "acme", "writer"))));
            assertEquals(here.getSchemaOptional().orElseThrow(), there.getSchemaOptional().orElseThrow());
            assertEquals(List.of("Grace"), Results.read(elsewhereSql, there).column(1));
        }
    }

    @Test
    void aPreparedUpdateRunsOncePerParameterRowAndCountsEveryRow() throws Exception {
        try (FlightSqlClient.PreparedStatement insert = acme.prepare("INSERT INTO notes VALUES (?, ?)")) {
            insert.setParameters(Parameters.intAndText(allocator, new Row(10, "a"), new Row(11, null),
                    new Row(12, "c")));
            assertEquals(3, insert.executeUpdate());
        }
        assertEquals(List.of("10:a", "11:null", "12:c"), notes("id BETWEEN 10 AND 12"));
    }

    @Test
    void aBatchOfParameterRowsIsAtomic() throws Exception {
        try (FlightSqlClient.PreparedStatement insert = acme.prepare("INSERT INTO notes VALUES (?, ?)")) {
            insert.setParameters(Parameters.intAndText(allocator, new Row(20, "a"), new Row(20, "duplicate")));
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, insert::executeUpdate);
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code());
            assertTrue(refused.getMessage().contains("SQLSTATE 23505"), refused.getMessage());
        }
        assertEquals(List.of(), notes("id = 20"), "no row of the failed batch was kept");
    }

    @Test
    void anUpdateReportsTheRowsItAffected() {
        assertEquals(2, acme.executeUpdate("UPDATE orders SET amount = amount WHERE amount > 0"));
        assertEquals(0, acme.executeUpdate("DELETE FROM notes WHERE id < 0"));
    }

    @Test
    void aReaderMayQueryButItsUpdatesArePermissionDenied() throws Exception {
        assertEquals(3, Results.read(acmeReader, acmeReader.execute("SELECT * FROM customers")).rows().size());
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                () -> acmeReader.executeUpdate("DELETE FROM customers"));
        assertEquals(FlightStatusCode.UNAUTHORIZED, refused.status().code());
        assertEquals("statement refused [access-class]: a reader may not run WRITE", refused.status().description());
        // Refused when prepared: a reader's class may not run it at all.
        assertEquals(FlightStatusCode.UNAUTHORIZED, assertThrows(FlightRuntimeException.class,
                () -> acmeReader.prepare("INSERT INTO notes VALUES (?, ?)")).status().code());
    }

    @Test
    void badSqlIsInvalidArgumentWithItsSqlStateAndPostgresMessage() {
        FlightRuntimeException syntax = assertThrows(FlightRuntimeException.class, () -> acme.execute("SELECT (1"));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, syntax.status().code());
        assertEquals("SQLSTATE 42601: syntax error at end of input", syntax.status().description());

        FlightRuntimeException unknownStatement = assertThrows(FlightRuntimeException.class, () -> acme.execute("SELEC 1"));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, unknownStatement.status().code());
        assertEquals("statement refused [not-allowed]: SELEC statements are not allowed",
                unknownStatement.status().description());

        FlightRuntimeException unknown = assertThrows(FlightRuntimeException.class,
                () -> acme.prepare("SELECT * FROM no_such_table"));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, unknown.status().code());
        assertEquals("SQLSTATE 42P01: relation \"no_such_table\" does not exist", unknown.status().description());

        FlightRuntimeException update = assertThrows(FlightRuntimeException.class,
                () -> acme.executeUpdate("UPDATE no_such_table SET x = 1"));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, update.status().code());
        assertTrue(update.status().description().startsWith("SQLSTATE 42P01"));
    }

    @Test
    void anotherTenantsSchemaIsPermissionDenied() {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                () -> globex.execute("SELECT * FROM acme.customers"));
        assertEquals(FlightStatusCode.UNAUTHORIZED, refused.status().code());
        assertTrue(refused.getMessage().contains("42501"), refused.getMessage());
    }

    @Test
    void aHandleOrTicketMadeForAnotherTenantOrSubjectIsRefused() throws Exception {
        FlightInfo acmeInfo = acme.execute("SELECT name FROM customers");
        Ticket acmeTicket = acmeInfo.getEndpoints().get(0).getTicket();
        FlightSqlClient acmeOther = server.client(allocator, server.token("other@acme", "acme", "writer"));
        for (FlightSqlClient stranger : List.of(globex, acmeOther)) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> Results.read(stranger, acmeInfo));
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code());
            assertEquals("invalid or expired statement handle", refused.status().description());
        }
        acmeOther.close();

        try (FlightSqlClient.PreparedStatement prepared = acme.prepare("SELECT name FROM customers")) {
            FlightInfo info = prepared.execute();
            Any command = Any.parseFrom(info.getEndpoints().get(0).getTicket().getBytes());
            CommandPreparedStatementQuery stolen = command.unpack(CommandPreparedStatementQuery.class);
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> globex.getStream(new Ticket(Any.pack(stolen).toByteArray())).next());
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code());
        }
        assertEquals(3, Results.read(acme, acmeInfo).rows().size(), "the owner still can");
        assertTrue(acmeTicket.getBytes().length > 0);
    }

    @Test
    void aStatementWithoutRowsSentAsAQueryRunsAndStreamsNoRows() throws Exception {
        FlightInfo info = acme.execute("INSERT INTO notes VALUES (50, 'sent as a query')");
        Results results = Results.read(acme, info);
        assertTrue(results.schema().getFields().isEmpty());
        assertEquals(List.of(), results.rows());
        assertEquals(List.of("50:sent as a query"), notes("id = 50"));
    }

    @Test
    void theSchemaOfAStatementCanBeAskedWithoutRunningIt() {
        assertEquals(List.of("n"), acme.getExecuteSchema("SELECT count(*) AS n FROM customers").getSchema()
                .getFields().stream().map(Field::getName).toList());
        try (FlightSqlClient.PreparedStatement prepared = acme.prepare("SELECT name FROM customers")) {
            assertEquals(prepared.getResultSetSchema(), prepared.fetchSchema().getSchema());
        }
    }

    @Test
    void parametersThatDoNotFitTheStatementAreInvalidArgument() {
        try (FlightSqlClient.PreparedStatement prepared = acme.prepare("SELECT name FROM customers WHERE id = ?")) {
            prepared.setParameters(Parameters.intAndText(allocator, new Row(1, "surplus")));
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> Results.read(acme, prepared.execute()));
            assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code());
            assertTrue(refused.getMessage().contains("1 parameters but 2 values"), refused.getMessage());
        }
    }

    private static List<String> notes(String where) throws Exception {
        List<String> notes = new ArrayList<>();
        try (Connection c = DB.database().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, body FROM acme.notes WHERE " + where + " ORDER BY id")) {
            while (rs.next()) {
                notes.add(rs.getInt(1) + ":" + rs.getString(2));
            }
        }
        return notes;
    }
}
