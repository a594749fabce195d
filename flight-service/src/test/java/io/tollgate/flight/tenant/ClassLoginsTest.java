package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.TestConfigs;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Each access class runs as its own PostgreSQL login, so what a caller may do is decided by that
 * login's privileges: against a real dedicated database with an owner, a reader and a writer login
 * granted as provisioning grants them.
 */
class ClassLoginsTest {
    static final PostgresDatabase DB = PostgresDatabase.create();
    // Roles are cluster-wide: suffixed with the database so that test classes never share them.
    static final String OWNER = "owner_" + DB.name();
    static final String READER = "reader_" + DB.name();
    static final String WRITER = "writer_" + DB.name();
    static final TenantPools POOLS = new TenantPools();
    static final TenantSessions SESSIONS = new TenantSessions(POOLS, TestConfigs.limits());
    static final TenantRoute ROUTE = new TenantRoute("acme", false, DB.jdbcUrl(),
            new TenantRoute.Logins(new TenantRoute.Login(READER, "pw"), new TenantRoute.Login(WRITER, "pw"),
                    new TenantRoute.Login(OWNER, "pw")),
            new TenantRoute.PoolLimits(10, 0, 5000),
            List.of(new TenantRoute.ContextVariable("tollgate.tenant_id", TenantRoute.ContextSource.TENANT_ID, "")),
            TenantRoute.Quotas.NONE, 1);

    @BeforeAll
    static void prepareADedicatedDatabaseWithOneLoginPerClass() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + OWNER + " LOGIN PASSWORD 'pw' NOSUPERUSER NOBYPASSRLS");
            for (String role : List.of(READER, WRITER)) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' NOSUPERUSER NOBYPASSRLS NOINHERIT");
            }
            s.execute("REVOKE ALL ON DATABASE " + DB.name() + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DB.name() + " TO " + OWNER);
            s.execute("GRANT CONNECT ON DATABASE " + DB.name() + " TO " + READER + ", " + WRITER);
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT USAGE ON SCHEMA public TO " + READER + ", " + WRITER);
            s.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text)");
            s.execute("ALTER TABLE orders OWNER TO " + OWNER);
            s.execute("GRANT SELECT ON orders TO " + READER);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO " + WRITER);
            s.execute("INSERT INTO orders VALUES (1, 'Road Runner Supply')");
        }
    }

    @AfterAll
    static void closePools() {
        POOLS.close();
    }

    private static String loginOf(Principal principal) throws SQLException {
        try (TenantSession session = SESSIONS.open(principal, ROUTE);
             Statement s = session.connection().createStatement();
             ResultSet r = s.executeQuery("SELECT current_user || ' ' || session_user")) {
            r.next();
            return r.getString(1);
        }
    }

    @Test
    void aReadersStatementsRunAsTheReaderLogin() throws Exception {
        assertEquals(READER + " " + READER, loginOf(TestConfigs.principal("r@acme", "acme", "reader")));
    }

    @Test
    void aWritersStatementsRunAsTheWriterLoginAndAnAdminsAsTheOwnerLogin() throws Exception {
        assertEquals(WRITER + " " + WRITER, loginOf(TestConfigs.principal("w@acme", "acme", "reader", "writer")));
        assertEquals(OWNER + " " + OWNER, loginOf(TestConfigs.principal("a@acme", "acme", "tenant-admin")));
    }

    @Test
    void anInsertAsTheReaderLoginIsRefusedByItsPrivilegesEvenWithAutocommitAndNoReadOnlyTransaction()
            throws Exception {
        HikariDataSource readers = POOLS.poolFor(ROUTE, AccessClass.READER);
        try (Connection c = readers.getConnection()) {
            c.setAutoCommit(true);
            c.setReadOnly(false);
            try (Statement s = c.createStatement()) {
                SQLException refused = assertThrows(SQLException.class,
                        () -> s.execute("INSERT INTO orders VALUES (2, 'Wile E. Coyote')"));
                assertEquals("42501", refused.getSQLState(), "insufficient_privilege, not read_only_sql_transaction");
            }
        }
    }

    @Test
    void aReaderWhoseStatementEndsTheGatewaysTransactionStillCannotWrite() throws Exception {
        Principal reader = TestConfigs.principal("r@acme", "acme", "reader");
        try (TenantSession session = SESSIONS.open(reader, ROUTE); Statement s = session.connection().createStatement()) {
            // The read-only transaction ends with the COMMIT; the INSERT runs in a new, writable
            // one, and only the reader login's privileges stop it.
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.execute("COMMIT; INSERT INTO orders VALUES (3, 'Acme Anvils Ltd')"));
            assertEquals("42501", refused.getSQLState());
        }
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*) FROM orders")) {
            r.next();
            assertEquals(1, r.getInt(1), "nothing was written");
        }
    }

    @Test
    void aWriterMayWriteRowsButNotCreateTables() throws Exception {
        HikariDataSource writers = POOLS.poolFor(ROUTE, AccessClass.WRITER);
        try (Connection c = writers.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("UPDATE orders SET customer = customer WHERE id = 1");
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("CREATE TABLE mine (id int)"));
            assertEquals("42501", refused.getSQLState());
            SQLException noTemp = assertThrows(SQLException.class, () -> s.execute("CREATE TEMP TABLE mine (id int)"));
            assertEquals("42501", noTemp.getSQLState());
        }
    }

    @Test
    void eachAccessClassHasAPoolOfItsOwnAndTheTenantsMaximumIsTheirTotal() {
        HikariDataSource readers = POOLS.poolFor(ROUTE, AccessClass.READER);
        HikariDataSource writers = POOLS.poolFor(ROUTE, AccessClass.WRITER);
        HikariDataSource admins = POOLS.poolFor(ROUTE, AccessClass.ADMIN);

        assertSame(readers, POOLS.poolFor(ROUTE, AccessClass.READER));
        assertNotSame(readers, writers);
        assertEquals(10, readers.getMaximumPoolSize() + writers.getMaximumPoolSize() + admins.getMaximumPoolSize());
        assertEquals(List.of(5, 3, 2), List.of(readers.getMaximumPoolSize(), writers.getMaximumPoolSize(),
                admins.getMaximumPoolSize()), "the reader class gets the largest share");
    }

    @Test
    void classesThatShareOneLoginShareOnePoolWithTheWholeTotal() {
        TenantRoute shared = new TenantRoute("initech", false, DB.jdbcUrl(), OWNER, "pw",
                new TenantRoute.PoolLimits(4, 0, 5000), List.of(), TenantRoute.Quotas.NONE, 1);
        TenantRoute readerOfItsOwn = new TenantRoute("umbrella", false, DB.jdbcUrl(),
                new TenantRoute.Logins(new TenantRoute.Login(READER, "pw"), new TenantRoute.Login(OWNER, "pw"),
                        new TenantRoute.Login(OWNER, "pw")),
                new TenantRoute.PoolLimits(10, 0, 5000), List.of(), TenantRoute.Quotas.NONE, 1);

        HikariDataSource sharedPool = POOLS.poolFor(shared, AccessClass.READER);
        assertSame(sharedPool, POOLS.poolFor(shared, AccessClass.ADMIN));
        assertEquals(4, sharedPool.getMaximumPoolSize());
        assertEquals(5, POOLS.poolFor(readerOfItsOwn, AccessClass.READER).getMaximumPoolSize());
        assertEquals(5, POOLS.poolFor(readerOfItsOwn, AccessClass.WRITER).getMaximumPoolSize(),
                "the writer's and admin's shares, 3 + 2");
    }

    @Test
    void everyClassGetsAtLeastOneConnectionWhateverTheTotal() {
        for (int total = 1; total <= 40; total++) {
            int sum = 0;
            for (AccessClass accessClass : AccessClass.values()) {
                int share = TenantPools.maxConnections(total, accessClass);
                assertEquals(true, share >= 1, total + " " + accessClass);
                sum += share;
            }
            assertEquals(Math.max(3, total), sum, "total " + total);
        }
    }
}
