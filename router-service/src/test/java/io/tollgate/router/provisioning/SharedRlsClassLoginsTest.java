package io.tollgate.router.provisioning;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shared-database setup with one login per access class: a tenant's reader, writer and admin
 * logins all see its rows and only its rows, each may do only what its class may, and none can
 * create anything or run procedural code. Run against a database set up by the previous version of
 * the script (one login per tenant), to show that running the new one migrates it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRlsClassLoginsTest {
    private final PostgresDatabase db = PostgresDatabase.create();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final String reader = "cls_reader_" + suffix;
    private final String writer = "cls_writer_" + suffix;
    private final String admin = "cls_admin_" + suffix;
    private final String other = "cls_other_" + suffix;

    // The previous version's mapping table, as databases set up before logins per class have it.
    private static final String PREVIOUS_MAPPING = """
            CREATE SCHEMA tollgate;
            CREATE TABLE tollgate.tenant_roles (
                role_name name PRIMARY KEY,
                tenant_id text NOT NULL UNIQUE
                    CHECK (tenant_id ~ '^[a-z](-?[a-z0-9])*$' AND length(tenant_id) <= 63));
            """;

    @BeforeAll
    void prepare() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(PREVIOUS_MAPPING);
            for (String role : List.of(reader, writer, admin, other)) {
                s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'pw-" + suffix + "'");
            }
            s.execute("INSERT INTO tollgate.tenant_roles VALUES ('" + admin + "', 'a')");
            s.execute(SharedRlsSetupTest.setupSql());
            s.execute(SharedRlsSetupTest.setupSql());
            s.execute("CREATE TABLE public.orders (tenant_id text NOT NULL DEFAULT tollgate.current_tenant(),"
                    + " id serial, item text NOT NULL)");
            s.execute("CREATE TABLE public.notes (tenant_id text NOT NULL, note text NOT NULL)");
            s.execute("SELECT tollgate.protect('public.orders', 'tenant_id')");
            s.execute("INSERT INTO public.orders (tenant_id, item) VALUES ('a', 'anvil'), ('b', 'birdseed')");
            s.execute("SELECT tollgate.register_tenant_login('a', '" + reader + "', 'reader')");
            s.execute("SELECT tollgate.register_tenant_login('a', '" + writer + "', 'writer')");
            s.execute("SELECT tollgate.register_tenant_role('b', '" + other + "')");
            s.execute("SELECT tollgate.grant_tenant_access('public.orders')");
        }
    }

    @AfterAll
    void dropRoles() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String role : List.of(reader, writer, admin, other)) {
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }

    private Connection login(String role) throws SQLException {
        Connection c = DriverManager.getConnection(db.jdbcUrl(), role, "pw-" + suffix);
        c.setAutoCommit(true);
        return c;
    }

    private static String one(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static String refusal(Connection c, String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, sql).getSQLState();
    }

    @Test
    void aTenantsLoginsOfEveryClassMapToItAndTheOldLoginStaysItsAdmin() throws SQLException {
        for (String role : List.of(reader, writer, admin)) {
            try (Connection c = login(role)) {
                assertEquals("a", one(c, "SELECT tollgate.current_tenant()"), role);
                assertEquals("anvil", one(c, "SELECT string_agg(item, ',') FROM public.orders"), role);
            }
        }
        try (Connection c = db.connect()) {
            assertEquals("admin", one(c, "SELECT access_class FROM tollgate.tenant_roles WHERE role_name = '"
                    + admin + "'"));
        }
    }

    @Test
    void aReaderMayOnlyReadAndAWriterMayWriteItsOwnRowsButNeverTruncate() throws SQLException {
        try (Connection c = login(reader)) {
            assertEquals("42501", refusal(c, "INSERT INTO public.orders (item) VALUES ('x')"));
            assertEquals("42501", refusal(c, "DELETE FROM public.orders"));
        }
        try (Connection c = login(writer)) {
            try (Statement s = c.createStatement()) {
                s.execute("INSERT INTO public.orders (item) VALUES ('rocket')");
                s.execute("DELETE FROM public.orders WHERE item = 'rocket'");
            }
            assertEquals("42501", refusal(c, "TRUNCATE public.orders"), "TRUNCATE would ignore row-level security");
            assertEquals("42501", refusal(c, "SELECT * FROM public.notes"), "an unprotected table is not granted");
        }
        try (Connection c = db.connect()) {
            assertEquals("anvil,birdseed", one(c, "SELECT string_agg(item, ',' ORDER BY item) FROM public.orders"));
        }
    }

    @Test
    void noTenantLoginCreatesAnythingOrRunsProceduralCode() throws SQLException {
        for (String role : List.of(reader, writer, admin)) {
            try (Connection c = login(role)) {
                assertEquals("42501", refusal(c, "CREATE TABLE public.mine (id int)"), role);
                assertEquals("42501", refusal(c, "CREATE TEMP TABLE mine (id int)"), role);
                assertEquals("42501", refusal(c, "DO $$ BEGIN PERFORM 1; END $$"), role);
                assertEquals("42501", refusal(c, "CREATE FUNCTION public.f() RETURNS int LANGUAGE plpgsql"
                        + " AS $$ BEGIN RETURN 1; END $$"), role);
            }
        }
    }

    @Test
    void anUnprotectedTableCannotBeGrantedToTenants() throws SQLException {
        try (Connection c = db.connect()) {
            SQLException refused = assertThrows(SQLException.class, () -> one(c,
                    "SELECT tollgate.grant_tenant_access('public.notes')"));
            assertTrue(refused.getMessage().contains("not protected"), refused.getMessage());
        }
    }

    @Test
    void oneLoginMapsToOneTenantOnlyAndAnUnknownClassIsRefused() throws SQLException {
        try (Connection c = db.connect()) {
            one(c, "SELECT tollgate.register_tenant_login('b', '" + other + "', 'reader')");
            assertEquals("1", one(c, "SELECT count(*) FROM tollgate.tenant_roles WHERE role_name = '" + other + "'"));
            assertThrows(SQLException.class, () -> one(c, "SELECT tollgate.register_tenant_login('b', '" + other
                    + "', 'owner')"));
        }
    }
}
