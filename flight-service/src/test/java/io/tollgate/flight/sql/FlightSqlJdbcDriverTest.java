package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Arrow Flight SQL JDBC driver, as a SQL tool uses it, with a bearer token in the URL. */
class FlightSqlJdbcDriverTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(ShopSchema.create(DB));
        DB.executeAs("acme", "CREATE TABLE notes (id int PRIMARY KEY, body text)");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Connection connect(String subject, String tenant, String role) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(server.token(subject, tenant, role)));
    }

    private static List<String> column(ResultSet rows, String column) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rows) {
            while (rows.next()) {
                values.add(rows.getString(column));
            }
        }
        return values;
    }

    @Test
    void theMetadataASqlToolReadsOnConnectDescribesTheTenantsObjects() throws Exception {
        try (Connection connection = connect("w@acme", "acme", "writer")) {
            DatabaseMetaData meta = connection.getMetaData();
            assertEquals("Tollgate", meta.getDatabaseProductName());
            assertTrue(meta.getDatabaseProductVersion().contains("PostgreSQL"));
            assertEquals("\"", meta.getIdentifierQuoteString());
            assertFalse(meta.isReadOnly());
            assertEquals(List.of(DB.database().name()), column(meta.getCatalogs(), "TABLE_CAT"));
            List<String> schemas = column(meta.getSchemas(), "TABLE_SCHEM");
            assertTrue(schemas.contains("acme") && !schemas.contains("globex"), schemas.toString());
            assertEquals(List.of("customers", "notes", "order_lines", "orders"),
                    column(meta.getTables(null, "acme", "%", new String[] {"TABLE"}), "TABLE_NAME"));
            assertTrue(column(meta.getTableTypes(), "TABLE_TYPE").contains("VIEW"));

            Map<String, String> columns = new LinkedHashMap<>();
            try (ResultSet rows = meta.getColumns(null, "acme", "orders", "%")) {
                while (rows.next()) {
                    columns.put(rows.getString("COLUMN_NAME"), rows.getInt("DATA_TYPE") + " "
                            + rows.getString("TYPE_NAME") + " " + rows.getInt("COLUMN_SIZE") + " "
                            + rows.getInt("DECIMAL_DIGITS") + " " + rows.getString("IS_NULLABLE"));
                }
            }
            assertEquals(List.of("id", "customer_id", "amount", "placed"), List.copyOf(columns.keySet()));
            assertTrue(columns.get("id").startsWith(Types.BIGINT + " int8 "), columns.toString());
            assertTrue(columns.get("amount").startsWith(Types.DECIMAL + " numeric 10 2"), columns.toString());
            assertTrue(columns.get("customer_id").endsWith("NO"), columns.toString());

            assertEquals(List.of("order_id", "line"), column(meta.getPrimaryKeys(null, "acme", "order_lines"),
                    "COLUMN_NAME"));
            assertEquals(List.of("customers"), column(meta.getImportedKeys(null, "acme", "orders"), "PKTABLE_NAME"));
            assertEquals(List.of("orders"), column(meta.getExportedKeys(null, "acme", "customers"), "FKTABLE_NAME"));
            // flight-sql-jdbc-driver 18.3.0 answers getTypeInfo() itself, empty, without asking the server
            // (GetXdbcTypeInfo is covered with FlightSqlClient); a tool calling it must still get a result.
            try (ResultSet types = meta.getTypeInfo()) {
                assertEquals("TYPE_NAME", types.getMetaData().getColumnName(1));
            }
        }
    }

    @Test
    void queriesAndPreparedStatementsWithParametersReturnTheirRows() throws Exception {
        try (Connection connection = connect("w@acme", "acme", "writer")) {
            try (Statement statement = connection.createStatement()) {
                assertEquals(List.of("Ada", "Grace", "Edsger"),
                        column(statement.executeQuery("SELECT name FROM customers ORDER BY id"), "name"));
            }
            try (PreparedStatement prepared = connection.prepareStatement(
                    "SELECT c.name, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id"
                            + " WHERE c.id = ? AND c.name LIKE ?")) {
                prepared.setInt(1, 2);
                prepared.setString(2, "G%");
                try (ResultSet rows = prepared.executeQuery()) {
                    assertTrue(rows.next());
                    assertEquals("Grace", rows.getString(1));
                    assertEquals(new BigDecimal("12.50"), rows.getBigDecimal(2));
                    assertFalse(rows.next());
                }
                prepared.setInt(1, 1);
                prepared.setString(2, "A%");
                assertEquals(List.of("Ada"), column(prepared.executeQuery(), "name"), "re-executed with new values");
            }
        }
    }

    @Test
    void executeUpdateAndExecuteBatchChangeRowsAndCountThem() throws Exception {
        try (Connection connection = connect("w@acme", "acme", "writer")) {
            try (Statement statement = connection.createStatement()) {
                assertEquals(0, statement.executeUpdate("DELETE FROM notes"));
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setInt(1, id);
                    insert.setString(2, "note " + id);
                    insert.addBatch();
                }
                // The driver sends the whole batch as one DoPut and reports a single total.
                assertArrayEquals(new int[] {3}, insert.executeBatch());
            }
            try (PreparedStatement update = connection.prepareStatement("UPDATE notes SET body = ? WHERE id >= ?")) {
                update.setString(1, "edited");
                update.setInt(2, 2);
                assertEquals(2, update.executeUpdate());
            }
            try (Statement statement = connection.createStatement()) {
                assertEquals(List.of("note 1", "edited", "edited"),
                        column(statement.executeQuery("SELECT body FROM notes ORDER BY id"), "body"));
            }
        }
    }

    @Test
    void errorsCarryTheSqlStateAndPostgresMessage() throws Exception {
        try (Connection connection = connect("w@acme", "acme", "writer"); Statement statement = connection.createStatement()) {
            SQLException syntax = assertThrows(SQLException.class, () -> statement.executeQuery("SELECT (1"));
            assertTrue(messages(syntax).contains("SQLSTATE 42601: syntax error at end of input"), messages(syntax));
            SQLException unknown = assertThrows(SQLException.class,
                    () -> connection.prepareStatement("SELECT * FROM no_such_table"));
            assertTrue(messages(unknown).contains("SQLSTATE 42P01"), messages(unknown));
        }
        try (Connection reader = connect("r@acme", "acme", "reader"); Statement statement = reader.createStatement()) {
            assertTrue(reader.getMetaData().isReadOnly());
            SQLException refused = assertThrows(SQLException.class, () -> statement.executeUpdate("DELETE FROM notes"));
            assertTrue(messages(refused).contains("statement refused [access-class]"), messages(refused));
        }
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
