package io.tollgate.flight.types;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.adapter.jdbc.JdbcToArrowUtils;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A result's layout is made once per shape, and is always the one its own metadata would make. */
class ResultLayoutsTest {
    static final PostgresDatabase DB = PostgresDatabase.create();
    static final RootAllocator ALLOCATOR = new RootAllocator();
    static final ResultLayouts LAYOUTS = new ResultLayouts(ALLOCATOR);

    @BeforeAll
    static void table() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, price numeric(10,2), name text)");
            s.execute("INSERT INTO items VALUES (1, 9.99, 'one'), (2, 19.99, 'two')");
        }
    }

    @AfterAll
    static void close() {
        ALLOCATOR.close();
    }

    @Test
    void resultsOfOneShapeShareALayoutAndAnyDifferenceMakesAnother() throws Exception {
        try (Connection c = DB.connect()) {
            ResultLayout first = layoutOf(c, "SELECT id, price, name FROM items WHERE id = ?", 1);
            ResultLayout again = layoutOf(c, "SELECT id, price, name FROM items WHERE id = ?", 2);
            assertSame(first, again, "a statement run again reuses its layout");
            assertEquals(schemaOf(c, "SELECT id, price, name FROM items WHERE id = ?", 1), first.schema(),
                    "the layout's schema is the one the metadata makes");

            ResultLayout renamed = layoutOf(c, "SELECT id, price, name AS label FROM items WHERE id = ?", 1);
            ResultLayout rescaled = layoutOf(c, "SELECT id, price::numeric(12,4), name FROM items WHERE id = ?", 1);
            ResultLayout computed = layoutOf(c, "SELECT id, price, name || '' AS name FROM items WHERE id = ?", 1);
            assertNotSame(first, renamed);
            assertNotSame(first, rescaled);
            assertNotSame(first, computed, "a computed column has no base table, unlike the table's own");
            assertEquals(schemaOf(c, "SELECT id, price::numeric(12,4), name FROM items WHERE id = ?", 1),
                    rescaled.schema());
        }
    }

    @Test
    void aStatementWithoutRowsHasAnEmptySchema() throws Exception {
        assertEquals(new Schema(List.of()), LAYOUTS.schemaOf(null));
        try (Connection c = DB.connect(); PreparedStatement s = c.prepareStatement("UPDATE items SET name = ?")) {
            assertEquals(new Schema(List.of()), LAYOUTS.schemaOf(s.getMetaData()));
        }
    }

    private static ResultLayout layoutOf(Connection c, String sql, long id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return LAYOUTS.of(rows.getMetaData());
            }
        }
    }

    private static Schema schemaOf(Connection c, String sql, long id) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, id);
            try (ResultSet rows = s.executeQuery()) {
                // Made afresh, as every result's was before layouts were remembered.
                return JdbcToArrowUtils.jdbcToArrowSchema(rows.getMetaData(),
                        ResultSchemas.config(rows.getMetaData(), ALLOCATOR, 1));
            }
        }
    }
}
