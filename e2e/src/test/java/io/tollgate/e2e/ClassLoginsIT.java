package io.tollgate.e2e;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.testkit.postgres.PasswordCheckedLogins;
import io.tollgate.testkit.suite.DemoProvisioner;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Logins per access class, end to end: the suite as {@code ./tollgate up} starts it, the Arrow
 * Flight SQL JDBC driver as the client, and the demo's tenants with a reader, writer and owner login
 * each.
 */
class ClassLoginsIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);

    @TempDir
    static Path state;
    static Suite suite;

    @BeforeAll
    static void startTheSuite() throws Exception {
        suite = Suite.startForTest(state);
    }

    @AfterAll
    static void stopTheSuite() throws SQLException {
        if (suite != null) {
            // Other suites on this server give the demo logins other passwords: let them log in as before.
            try (Connection c = suite.postgres().connect("postgres"); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '"
                        + PasswordCheckedLogins.GROUP + "') THEN REVOKE " + PasswordCheckedLogins.GROUP + " FROM "
                        + DemoProvisioner.loginOf(ACME, AccessClass.READER) + "; END IF; END $$");
            }
            suite.close();
        }
    }

    @Test
    void eachCallerRunsAsTheLoginOfItsAccessClassInBothIsolationModes() throws SQLException {
        for (DemoTenant tenant : DemoTenant.all()) {
            assertEquals(DemoProvisioner.loginOf(tenant, AccessClass.READER), currentUser(reader(tenant)));
            assertEquals(DemoProvisioner.loginOf(tenant, AccessClass.ADMIN), currentUser(admin(tenant)));
            assertEquals(DemoProvisioner.loginOf(tenant, AccessClass.WRITER), currentUser(writer(tenant)));
        }
    }

    @Test
    void aReaderWhoseStatementEndsTheGatewaysTransactionStillCannotWrite() throws SQLException {
        for (DemoTenant tenant : DemoTenant.all()) {
            try (Connection c = connect(reader(tenant)); Statement s = c.createStatement()) {
                assertThrows(SQLException.class, () -> s.execute(
                        "COMMIT; INSERT INTO orders (id, customer, amount) VALUES (999, 'written by a reader', 1)"));
            }
            try (Connection c = suite.postgres().connect(suite.databaseOf(tenant)); Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT count(*) FROM orders WHERE id = 999")) {
                r.next();
                assertEquals(0, r.getInt(1), tenant.id() + ": nothing was written");
            }
        }
    }

    @Test
    void aTenantLoginThatChangesItsOwnPasswordDoesNotLockThePlatformOut() throws Exception {
        String login = DemoProvisioner.loginOf(ACME, AccessClass.READER);
        String password = suite.loginPassword(ACME, AccessClass.READER);
        PasswordCheckedLogins.enable(suite.postgres());
        try (Connection c = suite.postgres().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("GRANT " + PasswordCheckedLogins.GROUP + " TO " + login);
        }
        assertEquals(ACME.customers().size(), orderCount(reader(ACME)));

        // The tenant's own SQL would do this through the gateway; here the login does it directly.
        try (Connection c = DriverManager.getConnection(suite.postgres().jdbcUrl(suite.databaseOf(ACME)), login,
                password); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE CURRENT_USER PASSWORD 'chosen-by-the-tenant'");
        }
        // Pooled connections logged in before the change; new ones are what the change would break.
        try (Connection c = suite.postgres().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + login + "'");
        }
        // Hikari hands out a connection used within the last 500 ms without checking it: let the
        // terminated ones be found dead and replaced, which is where the new password bites.
        Thread.sleep(1_000);
        assertEquals("28P01", assertThrows(SQLException.class, () -> DriverManager.getConnection(
                suite.postgres().jdbcUrl(suite.databaseOf(ACME)), login, password).close()).getSQLState());

        assertEquals(ACME.customers().size(), orderCount(reader(ACME)), "served after the login was re-asserted");

        try (Connection ignored = DriverManager.getConnection(suite.postgres().jdbcUrl(suite.databaseOf(ACME)), login,
                password)) {
            // The registry's password is the login's password again.
        }
    }

    private static int orderCount(DemoTenant.DemoAccount account) throws SQLException {
        try (Connection c = connect(account); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) AS n FROM orders")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static String currentUser(DemoTenant.DemoAccount account) throws SQLException {
        try (Connection c = connect(account); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT current_user AS u")) {
            r.next();
            return r.getString(1);
        }
    }

    private static DemoTenant.DemoAccount reader(DemoTenant tenant) {
        return tenant.accounts().get(0);
    }

    private static DemoTenant.DemoAccount admin(DemoTenant tenant) {
        return tenant.accounts().get(1);
    }

    private static DemoTenant.DemoAccount writer(DemoTenant tenant) {
        return tenant.accounts().get(2);
    }

    private static Connection connect(DemoTenant.DemoAccount account) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", account.username());
        properties.setProperty("password", suite.password(account));
        properties.setProperty("useEncryption", "false");
        return DriverManager.getConnection("jdbc:arrow-flight-sql://localhost:" + suite.ports().flight(), properties);
    }
}
