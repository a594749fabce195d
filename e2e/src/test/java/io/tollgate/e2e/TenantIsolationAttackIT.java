package io.tollgate.e2e;

import io.tollgate.testkit.suite.DemoProvisioner;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A tenant in the shared database attacks its isolation through the Arrow Flight SQL JDBC driver.
 * The shared database also holds another tenant's rows (customer names starting "Intruder"). After
 * every attempt, whether it failed or not, neither its own results nor a probe on the same
 * connection may show a single row of the other tenant.
 */
class TenantIsolationAttackIT {
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);
    // Only the other tenant's data counts as a leak, not an attacker echoing a literal it typed.
    private static final String MARKER = "intruder secret";

    @TempDir
    static Path state;
    static Suite suite;
    static FlightJdbc jdbc;

    @BeforeAll
    static void startTheSuiteWithAnotherTenantsRowsInTheSharedDatabase() throws Exception {
        suite = Suite.startForTest(state);
        jdbc = new FlightJdbc(suite);
        try (Connection admin = suite.postgres().connect(suite.sharedDatabase());
             Statement s = admin.createStatement()) {
            s.execute("INSERT INTO orders (tenant_id, id, customer, amount) VALUES "
                    + "('intruder', 1, 'Intruder Secret One', 1), ('intruder', 2, 'Intruder Secret Two', 2) "
                    + "ON CONFLICT DO NOTHING");
            s.execute("ANALYZE orders");
        }
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    static Stream<String> attacks() {
        return Stream.of(
                // Changing the tenant context.
                "SELECT set_config('tollgate.tenant_id', 'intruder', false)",
                "SELECT set_config('tollgate.tenant_id', 'intruder', true), * FROM orders",
                "WITH s AS MATERIALIZED (SELECT set_config('tollgate.tenant_id', 'intruder', true)) SELECT o.* FROM s, orders o",
                "SELECT o.* FROM (SELECT set_config('tollgate.tenant_id', 'intruder', true)) s, LATERAL (SELECT * FROM orders) o",
                "SET tollgate.tenant_id = 'intruder'",
                "SET SESSION tollgate.tenant_id = 'intruder'",
                "RESET tollgate.tenant_id",
                "RESET ALL",
                "SELECT set_config('tollgate.tenant_id', '', false)",
                // Changing who we are.
                "SET ROLE postgres",
                "SET ROLE pg_read_all_data",
                "SET ROLE acme_app",
                "RESET ROLE",
                "SET SESSION AUTHORIZATION postgres",
                "SET SESSION AUTHORIZATION DEFAULT",
                "DISCARD ALL",
                "SET LOCAL row_security = off",
                "SET row_security = off",
                // Code that tries the same.
                "DO $$ BEGIN PERFORM set_config('tollgate.tenant_id', 'intruder', false); END $$",
                "DO $$ BEGIN EXECUTE 'SET ROLE postgres'; END $$",
                "CREATE FUNCTION steal() RETURNS SETOF orders LANGUAGE sql SECURITY DEFINER AS 'SELECT * FROM orders'",
                "CREATE OR REPLACE FUNCTION tollgate.current_tenant() RETURNS text LANGUAGE sql AS $$ SELECT 'intruder' $$",
                "SELECT tollgate.register_tenant_role('intruder', current_user)",
                "SELECT * FROM tollgate.tenant_roles",
                "CREATE FUNCTION pg_temp.current_tenant() RETURNS text LANGUAGE sql AS $$ SELECT 'intruder' $$",
                // A second statement after ';'.
                "SELECT * FROM orders; SELECT * FROM orders WHERE tenant_id = 'intruder'",
                "SELECT 1; SET ROLE postgres",
                "SELECT 1; SELECT set_config('tollgate.tenant_id', 'intruder', false)",
                // Views, copies, files, other databases.
                "CREATE VIEW all_orders AS SELECT * FROM orders",
                "CREATE TEMP VIEW all_orders AS SELECT * FROM orders",
                "COPY orders TO STDOUT",
                "COPY (SELECT * FROM orders) TO '/tmp/tollgate-stolen.csv'",
                "SELECT pg_read_file('global/pg_control')",
                "SELECT lo_import('/etc/passwd')",
                "CREATE EXTENSION dblink",
                "SELECT * FROM dblink('dbname=" + DemoProvisioner.SHARED_DATABASE
                        + " user=postgres', 'SELECT customer FROM orders') AS t(customer text)",
                // search_path tricks and shadowing temp objects.
                "SET search_path = pg_temp, public",
                "SELECT set_config('search_path', 'pg_temp, public', false)",
                "CREATE TEMP TABLE orders AS SELECT 'intruder'::text AS tenant_id",
                // Taking the protection down.
                "ALTER TABLE orders DISABLE ROW LEVEL SECURITY",
                "ALTER TABLE orders NO FORCE ROW LEVEL SECURITY",
                "DROP POLICY tollgate_tenant_isolation ON orders",
                "SELECT tollgate.protect('orders', 'customer')",
                // Writing into or out of the other tenant.
                "INSERT INTO orders (tenant_id, id, customer, amount) VALUES ('intruder', 99, 'planted', 1)",
                "UPDATE orders SET tenant_id = 'globex' WHERE tenant_id = 'intruder'",
                "DELETE FROM orders WHERE tenant_id = 'intruder'",
                // Side channels.
                "SELECT * FROM orders WHERE 1 / (CASE WHEN tenant_id = 'intruder' THEN 0 ELSE 1 END) = 1",
                "SELECT * FROM pg_stats WHERE tablename = 'orders'",
                "SELECT query FROM pg_stat_activity",
                "SELECT * FROM pg_prepared_statements",
                "PREPARE stolen AS SELECT * FROM orders WHERE tenant_id = 'intruder'",
                "EXECUTE stolen");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aReaderSeesNoRowOfAnotherTenant(String attack) throws SQLException {
        assertNoLeak(reader(), attack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void anAdminSeesNoRowOfAnotherTenant(String attack) throws SQLException {
        assertNoLeak(admin(), attack);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aWriterSeesNoRowOfAnotherTenant(String attack) throws SQLException {
        assertNoLeak(GLOBEX.accounts().get(2), attack);
    }

    @Test
    void theOtherTenantsRowsAreStillThereAndUntouched() throws SQLException {
        try (Connection c = suite.postgres().connect(suite.sharedDatabase()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM orders WHERE tenant_id = 'intruder' "
                     + "AND customer LIKE 'Intruder Secret%'")) {
            rs.next();
            assertEquals(2, rs.getLong(1), "the attacks neither moved nor deleted the other tenant's rows");
        }
    }

    private static void assertNoLeak(DemoTenant.DemoAccount account, String attack) throws SQLException {
        try (Connection c = connect(account)) {
            try (Statement s = c.createStatement()) {
                if (s.execute(attack)) {
                    try (ResultSet rs = s.getResultSet()) {
                        assertNoMarker(rs, attack);
                    }
                }
            } catch (SQLException refused) {
                assertFalse(refused.getMessage().toLowerCase(Locale.ROOT).contains("intruder secret"),
                        "an error must not carry the other tenant's data: " + refused.getMessage());
            }
            // Whatever the attempt did to this session, a later query sees only this tenant.
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT tenant_id, customer FROM orders")) {
                assertNoMarker(rs, attack + " (probe)");
            }
        }
    }

    private static void assertNoMarker(ResultSet rs, String attack) throws SQLException {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
                String value = rs.getString(i);
                assertFalse(value != null && value.toLowerCase(Locale.ROOT).contains(MARKER),
                        "leaked another tenant's data after: " + attack + " -> " + value);
            }
        }
    }

    private static DemoTenant.DemoAccount reader() {
        return GLOBEX.accounts().get(0);
    }

    private static DemoTenant.DemoAccount admin() {
        return GLOBEX.accounts().get(1);
    }

    private static Connection connect(DemoTenant.DemoAccount account) throws SQLException {
        return jdbc.connect(account);
    }
}
