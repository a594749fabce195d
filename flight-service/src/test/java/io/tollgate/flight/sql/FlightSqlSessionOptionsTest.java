package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.CloseSessionRequest;
import org.apache.arrow.flight.CloseSessionResult;
import org.apache.arrow.flight.GetSessionOptionsRequest;
import org.apache.arrow.flight.NoOpSessionOptionValueVisitor;
import org.apache.arrow.flight.SessionOptionValue;
import org.apache.arrow.flight.SessionOptionValueFactory;
import org.apache.arrow.flight.SetSessionOptionsRequest;
import org.apache.arrow.flight.SetSessionOptionsResult;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session options on stateless replicas: validated and echoed, not remembered. */
class FlightSqlSessionOptionsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;
    static FlightSqlClient acme;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(List.of(DB.addTenant("acme", 4), DB.addTenant("globex", 4)));
        allocator = new RootAllocator();
        acme = server.client(allocator, server.token("w@acme", "acme", "writer"));
    }

    @AfterAll
    static void stop() throws Exception {
        acme.close();
        allocator.close();
        server.close();
    }

    private static Map<String, SetSessionOptionsResult.ErrorValue> set(Map<String, SessionOptionValue> options) {
        Map<String, SetSessionOptionsResult.ErrorValue> errors = new LinkedHashMap<>();
        acme.setSessionOptions(new SetSessionOptionsRequest(options)).getErrors()
                .forEach((name, error) -> errors.put(name, error.value));
        return errors;
    }

    @Test
    void theTenantsDatabaseAndAUsableSchemaAreAccepted() {
        assertEquals(Map.of(), set(Map.of(
                "catalog", SessionOptionValueFactory.makeSessionOptionValue(DB.database().name()),
                "schema", SessionOptionValueFactory.makeSessionOptionValue("acme"))));
    }

    @Test
    void anotherCatalogAnUnusableSchemaAnUnknownOptionAndANonTextValueAreRefusedOneByOne() {
        Map<String, SetSessionOptionsResult.ErrorValue> errors = set(Map.of(
                "catalog", SessionOptionValueFactory.makeSessionOptionValue("postgres"),
                "schema", SessionOptionValueFactory.makeSessionOptionValue("globex"),
                "timezone", SessionOptionValueFactory.makeSessionOptionValue("UTC"),
                "schema2", SessionOptionValueFactory.makeSessionOptionValue(42L)));
        assertEquals(Map.of(
                "catalog", SetSessionOptionsResult.ErrorValue.INVALID_VALUE,
                "schema", SetSessionOptionsResult.ErrorValue.INVALID_VALUE,
                "timezone", SetSessionOptionsResult.ErrorValue.INVALID_NAME,
                "schema2", SetSessionOptionsResult.ErrorValue.INVALID_VALUE), errors);
    }

    @Test
    void getSessionOptionsReportsWhatCallsRunWithAndCloseSessionCloses() {
        Map<String, String> options = new LinkedHashMap<>();
        acme.getSessionOptions(new GetSessionOptionsRequest()).getSessionOptions().forEach((name, value) ->
                options.put(name, value.acceptVisitor(new NoOpSessionOptionValueVisitor<String>() {
                    @Override
                    public String visit(String text) {
                        return text;
                    }
                })));
        assertEquals(Map.of("catalog", DB.database().name(), "schema", "acme"), options);
        assertEquals(CloseSessionResult.Status.CLOSED, acme.closeSession(new CloseSessionRequest()).getStatus());
    }

    @Test
    void theJdbcDriversCatalogPropertyIsValidated() throws Exception {
        String token = server.token("w@acme", "acme", "writer");
        Connection connection = DriverManager.getConnection(server.jdbcUrl(token) + "&catalog=" + DB.database().name());
        try (var statement = connection.createStatement(); var rows = statement.executeQuery("SELECT 1")) {
            assertTrue(rows.next());
        } finally {
            closeIgnoringTheDriversSecondCloseSession(connection);
        }
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(server.jdbcUrl(token) + "&catalog=postgres"));
        assertTrue(String.valueOf(refused.getMessage()).contains("catalog"), refused.getMessage());
    }

    /**
     * flight-sql-jdbc-driver 18.3.0 closes its client handler twice when {@code catalog} is set:
     * the second close sends CloseSession over the channel the first one shut down.
     */
    private static void closeIgnoringTheDriversSecondCloseSession(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).contains("Channel shutdown invoked")) {
                throw new AssertionError(e);
            }
        }
    }
}
