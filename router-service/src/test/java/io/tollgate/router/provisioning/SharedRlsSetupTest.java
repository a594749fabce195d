package io.tollgate.router.provisioning;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped shared-database setup (deploy/sql/shared-rls-setup.sql, read here from the
 * classpath where router-service packages it) against a real PostgreSQL, as a tenant role sees it.
 * <p>
 * A tenant is bound by its login: each tenant logs in as a role of its own, registered with
 * {@code tollgate.register_tenant_role}; a login that is not registered is bound to no tenant.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedRlsSetupTest {
    private final PostgresDatabase db = PostgresDatabase.create();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final String roleA = "rls_a_" + suffix;
    private final String roleB = "rls_b_" + suffix;
    private final String roleNone = "rls_none_" + suffix;

    static String setupSql() throws IOException {
        try (InputStream in = SharedRlsSetupTest.class.getResourceAsStream("/sql/shared-rls-setup.sql")) {
            assertTrue(in != null, "the setup is packaged at sql/shared-rls-setup.sql");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    void prepare() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(setupSql());
            s.execute("CREATE TABLE public.orders (tenant_id text NOT NULL, id int NOT NULL, item text NOT NULL)");
            s.execute("CREATE TABLE public.notes (tenant_id text NOT NULL, note text NOT NULL)");
            s.execute("SELECT tollgate.protect('public.orders', 'tenant_id')");
            s.execute("INSERT INTO public.orders VALUES ('a', 1, 'anvil'), ('a', 2, 'rocket'), ('b', 3, 'birdseed')");
            for (String role : List.of(roleA, roleB, roleNone)) {
                s.execute("CREATE ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD 'pw-" + suffix + "'");
                s.execute("GRANT SELECT, INSERT ON public.orders TO " + role);
            }
            s.execute("SELECT tollgate.register_tenant_role('a', '" + roleA + "')");
            s.execute("SELECT tollgate.register_tenant_role('b', '" + roleB + "')");
        }
    }

    @AfterAll
    void dropRoles() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String role : List.of(roleA, roleB, roleNone)) {
                s.execute("DROP OWNED BY " + role);
                s.execute("DROP ROLE " + role);
            }
        }
    }

    private Connection login(String role) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), role, "pw-" + suffix);
    }

    /** A connection of a NOSUPERUSER NOBYPASSRLS role with no tenant bound: a login not registered. */
    private Connection unbound() throws SQLException {
        return login(roleNone);
    }

    /** A connection of a NOSUPERUSER NOBYPASSRLS role bound to a tenant: its registered login. */
    private Connection boundTo(String tenant) throws SQLException {
        return login(tenant.equals("a") ? roleA : roleB);
    }

    private static List<String> tenantsSeen(Connection c) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT tenant_id FROM public.orders ORDER BY id")) {
            while (r.next()) {
                seen.add(r.getString(1));
            }
        }
        return seen;
    }

    @Test
    void withNoTenantBoundATenantRoleSeesNoRowsAtAll() throws SQLException {
        try (Connection c = unbound()) {
            assertEquals(List.of(), tenantsSeen(c));
        }
    }

    @Test
    void boundToATenantARoleSeesOnlyThatTenantsRows() throws SQLException {
        try (Connection a = boundTo("a"); Connection b = boundTo("b")) {
            assertEquals(List.of("a", "a"), tenantsSeen(a));
            assertEquals(List.of("b"), tenantsSeen(b));
        }
    }

    @Test
    void aRegisteredLoginCannotRebindItselfWithTheOldContextSetting() throws SQLException {
        try (Connection a = boundTo("a"); Statement s = a.createStatement()) {
            s.execute("SELECT set_config('tollgate.tenant_id', 'b', false)");
            assertEquals(List.of("a", "a"), tenantsSeen(a).subList(0, 2));
            assertTrue(tenantsSeen(a).stream().allMatch("a"::equals));
        }
    }

    @Test
    void boundToATenantARoleCannotInsertARowForAnother() throws SQLException {
        try (Connection a = boundTo("a"); Statement s = a.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO public.orders VALUES ('b', 99, 'forged')"));
            assertEquals("42501", refused.getSQLState(), refused.getMessage());
            s.execute("INSERT INTO public.orders VALUES ('a', 4, 'magnet')");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM public.orders WHERE id = 99")) {
            r.next();
            assertEquals(0, r.getInt(1));
        }
    }

    @Test
    void protectionStatusListsProtectedAndUnprotectedTables() throws SQLException {
        try (Connection c = unbound(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT table_name, rls_enabled, rls_forced, tenant_policy"
                     + " FROM tollgate.protection_status WHERE schema_name = 'public' ORDER BY table_name")) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                rows.add(r.getString(1) + ":" + r.getBoolean(2) + "," + r.getBoolean(3) + "," + r.getBoolean(4));
            }
            assertEquals(List.of("notes:false,false,false", "orders:true,true,true"), rows);
        }
    }

    @Test
    void theTableOwnerIsFilteredToo() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE public.orders OWNER TO " + roleNone);
        }
        try (Connection owner = unbound()) {
            assertEquals(List.of(), tenantsSeen(owner), "FORCE: the owner gets no rows without a tenant");
        } finally {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE public.orders OWNER TO " + db.username());
                s.execute("GRANT SELECT, INSERT ON public.orders TO " + roleA + ", " + roleB + ", " + roleNone);
            }
        }
    }

    @Test
    void runningTheSetupAndProtectAgainChangesNothing() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(setupSql());
            s.execute("SELECT tollgate.protect('public.orders', 'tenant_id')");
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM pg_policy WHERE polrelid = 'public.orders'::regclass")) {
                r.next();
                assertEquals(1, r.getInt(1), "one policy, not two");
            }
        }
        try (Connection unbound = unbound(); Connection a = boundTo("a")) {
            assertEquals(List.of(), tenantsSeen(unbound));
            assertTrue(tenantsSeen(a).stream().allMatch("a"::equals));
            assertTrue(tenantsSeen(a).size() >= 2);
        }
    }
}
