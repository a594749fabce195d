package io.tollgate.testkit.postgres;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PostgresDatabaseTest {

    @Test
    void eachDatabaseIsFreshAndSeparateOnOneServer() throws SQLException {
        PostgresDatabase first = PostgresDatabase.create();
        PostgresDatabase second = PostgresDatabase.create();
        assertNotEquals(first.name(), second.name());
        assertEquals(first.server(), second.server(), "one server per JVM");

        try (Connection c = first.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (id int)");
            s.execute("INSERT INTO marker VALUES (42)");
            try (ResultSet rs = s.executeQuery("SELECT id FROM marker")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
        }
        try (Connection c = second.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'marker'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getInt(1), "a new database does not see another's tables");
        }
    }

    @Test
    void serverIsARealPostgresql() throws SQLException {
        PostgresDatabase db = PostgresDatabase.create();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version_num")) {
            assertTrue(rs.next());
            assertFalse(rs.getString(1).isBlank());
            assertTrue(Integer.parseInt(rs.getString(1)) >= 150000, "PostgreSQL 15 or newer");
        }
    }
}
