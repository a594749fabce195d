package io.tollgate.flight.tenant;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.TestConfigs;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Context binding against a real shared database protected by the shipped RLS setup. */
class TenantSessionsTest {
    static final PostgresDatabase DB = PostgresDatabase.create();
    // Roles are cluster-wide: suffixed with the database so that test classes never share them.
    static final String ACME_ROLE = "acme_" + DB.name();
    static final String GLOBEX_ROLE = "globex_" + DB.name();
    static final String UNREGISTERED_ROLE = "nobody_" + DB.name();
    static final TenantPools POOLS = new TenantPools();
    static final TenantSessions SESSIONS = new TenantSessions(POOLS, io.tollgate.flight.TestConfigs.limits());

    @BeforeAll
    static void prepareTheSharedDatabase() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute(Files.readString(Path.of("../deploy/sql/shared-rls-setup.sql")));
            s.execute("CREATE TABLE orders (tenant_id text NOT NULL, id int, customer text)");
            s.execute("SELECT tollgate.protect('orders', 'tenant_id')");
            for (String role : List.of(ACME_ROLE, GLOBEX_ROLE, UNREGISTERED_ROLE)) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' NOSUPERUSER NOBYPASSRLS");
                s.execute("GRANT SELECT, INSERT ON orders TO " + role);
            }
            s.execute("SELECT tollgate.register_tenant_role('acme', '" + ACME_ROLE + "')");
            s.execute("SELECT tollgate.register_tenant_role('globex', '" + GLOBEX_ROLE + "')");
            // The setup gives tenant logins no TEMPORARY; granted back here so that the reset of
            // temporary objects can still be shown.
            s.execute("GRANT TEMPORARY ON DATABASE " + DB.name() + " TO " + ACME_ROLE);
            s.execute("INSERT INTO orders VALUES ('acme', 1, 'a1'), ('acme', 2, 'a2'), ('globex', 1, 'g1')");
        }
    }

    @AfterAll
    static void closePools() {
        POOLS.close();
    }

    private static TenantRoute route(String tenant, String role, List<TenantRoute.ContextVariable> variables) {
        return new TenantRoute(tenant, true, DB.jdbcUrl(), role, "pw", new TenantRoute.PoolLimits(2, 0, 5000),
                variables, TenantRoute.Quotas.NONE, 1);
    }

    private static TenantRoute route(String tenant, List<TenantRoute.ContextVariable> variables) {
        return route(tenant, tenant.equals("acme") ? ACME_ROLE : GLOBEX_ROLE, variables);
    }

    private static TenantRoute route(String tenant) {
        return route(tenant, List.of(new TenantRoute.ContextVariable("tollgate.tenant_id",
                TenantRoute.ContextSource.TENANT_ID, "")));
    }

    private static List<String> customers(Principal principal) throws SQLException {
        List<String> customers = new ArrayList<>();
        try (TenantSession session = SESSIONS.open(principal, route(principal.tenantId()));
             Statement s = session.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT customer FROM orders ORDER BY customer")) {
            while (rs.next()) {
                customers.add(rs.getString(1));
            }
        }
        return customers;
    }

    @Test
    void eachTenantSeesOnlyItsRowsInTheSharedDatabase() throws SQLException {
        assertEquals(List.of("a1", "a2"), customers(TestConfigs.principal("r@acme", "acme", "reader")));
        assertEquals(List.of("g1"), customers(TestConfigs.principal("r@globex", "globex", "reader")));
    }

    @Test
    void theTenantComesFromTheLoginSoSettingTheContextVariableChangesNothing() throws SQLException {
        Principal reader = TestConfigs.principal("r@globex", "globex", "reader");
        try (TenantSession session = SESSIONS.open(reader, route("globex"));
             Statement s = session.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT set_config('tollgate.tenant_id', 'acme', true), "
                     + "(SELECT string_agg(customer, ',' ORDER BY customer) FROM orders)")) {
            assertTrue(rs.next());
            assertEquals("g1", rs.getString(2));
        }
    }

    @Test
    void aLoginThatIsNotRegisteredForATenantSeesNoRows() throws SQLException {
        Principal reader = TestConfigs.principal("r@initech", "initech", "reader");
        try (TenantSession session = SESSIONS.open(reader, route("initech", UNREGISTERED_ROLE, route("acme").contextVariables()));
             Statement s = session.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT tollgate.current_tenant() IS NULL, count(*) FROM orders")) {
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "no tenant for an unregistered login");
            assertEquals(0, rs.getLong(2), "no tenant, no rows");
        }
    }

    @Test
    void whatOneCallLeavesInItsSessionIsGoneForTheNext() throws SQLException {
        Principal writer = TestConfigs.principal("w@acme", "acme", "writer");
        try (TenantSession session = SESSIONS.open(writer, route("acme"));
             Statement s = session.connection().createStatement()) {
            s.execute("SET SESSION search_path = pg_temp, public");
            s.execute("CREATE TEMP TABLE orders AS SELECT 'shadow'::text AS customer");
            s.execute("SET SESSION row_security = off");
            session.commit();
        }
        // The pool has two connections; open both so that one is surely the connection used above.
        for (int i = 0; i < 2; i++) {
            Principal reader = TestConfigs.principal("r@acme", "acme", "reader");
            try (TenantSession first = SESSIONS.open(reader, route("acme"));
                 TenantSession second = SESSIONS.open(reader, route("acme"))) {
                for (TenantSession session : List.of(first, second)) {
                    try (Statement s = session.connection().createStatement();
                         ResultSet rs = s.executeQuery("SELECT current_setting('search_path'), "
                                 + "current_setting('row_security'), (SELECT string_agg(customer, ',' ORDER BY customer) FROM orders)")) {
                        assertTrue(rs.next());
                        assertEquals("\"$user\", public", rs.getString(1));
                        assertEquals("on", rs.getString(2));
                        assertEquals("a1,a2", rs.getString(3));
                    }
                }
            }
        }
    }

    @Test
    void aReaderRunsReadOnlyTransactions() throws SQLException {
        Principal reader = TestConfigs.principal("r@acme", "acme", "reader");
        try (TenantSession session = SESSIONS.open(reader, route("acme"));
             Statement s = session.connection().createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.execute("INSERT INTO orders VALUES ('acme', 3, 'a3')"));
            assertEquals("25006", refused.getSQLState(), "read_only_sql_transaction");
        }
    }

    @Test
    void aSharedDatabaseRouteWithoutContextVariablesIsRefused() {
        Principal writer = TestConfigs.principal("w@acme", "acme", "writer");
        TenantUnavailableException refused = assertThrows(TenantUnavailableException.class,
                () -> SESSIONS.open(writer, route("acme", List.of())).close());
        assertEquals(TenantUnavailableException.Kind.MISCONFIGURED, refused.kind());
    }
}
