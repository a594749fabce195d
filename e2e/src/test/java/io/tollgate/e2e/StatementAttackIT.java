package io.tollgate.e2e;

import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.arrow.flight.CallOption;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightInfo;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The attack corpus of issue 13, through the Arrow Flight SQL JDBC driver against the whole suite,
 * for every demo account (reader, writer, tenant-admin) of both tenants: acme in a dedicated
 * database, globex in the shared one. A statement a tenant could use to escape its transaction,
 * lift its limits, reach another caller's session state or stall another tenant is refused before
 * it reaches PostgreSQL, with a message naming the rule; what the gateway cannot see (code in DO
 * blocks) still cannot leave state for the next caller.
 */
class StatementAttackIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);

    @TempDir
    static Path state;
    static Suite suite;
    static FlightJdbc jdbc;

    @BeforeAll
    static void startTheSuite() throws Exception {
        suite = Suite.startForTest(state);
        jdbc = new FlightJdbc(suite);
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    /** Refused for every account of both tenants: rule, then variants of the statement. */
    static Stream<Arguments> refusedForEveryone() {
        return Stream.of(
                // Ending the gateway's transaction to run the rest outside it (a reader writing, limits gone).
                arguments("one-statement", "COMMIT; INSERT INTO orders (id, customer, amount) VALUES (900, 'x', 1)"),
                arguments("one-statement", "commit;insert into orders (id, customer, amount) values (901, 'x', 1)"),
                arguments("one-statement", "/*a*/ROLLBACK/*b*/;/*c*/DELETE FROM orders"),
                arguments("one-statement", "END; ALTER ROLE CURRENT_USER PASSWORD 'pwned'"),
                arguments("one-statement", "SELECT 1;\nCOMMIT"),
                arguments("one-statement", "SELECT $$;$$; COMMIT"),
                arguments("one-statement", "SELECT $q$ ' $q$; COMMIT; SELECT 1"),
                arguments("one-statement", "SELECT E'\\';'; COMMIT"),
                arguments("one-statement", "SELECT 'a'';'; ROLLBACK"),
                arguments("one-statement", "SELECT \"x;\" FROM (SELECT 1 AS \"x;\") t; COMMIT"),
                arguments("one-statement", "SELECT 1 -- ;\n; DISCARD ALL"),
                arguments("transaction-control", "COMMIT"),
                arguments("transaction-control", "  Commit  -- and then?"),
                arguments("transaction-control", "/* hi */ rollback"),
                arguments("transaction-control", "BEGIN"),
                arguments("transaction-control", "START TRANSACTION READ WRITE"),
                arguments("transaction-control", "SAVEPOINT s1"),
                arguments("transaction-control", "PREPARE TRANSACTION 'tx'"),
                arguments("transaction-control", "SET TRANSACTION READ WRITE"),
                arguments("transaction-control", "SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE"),
                // Limits and settings the platform owns.
                arguments("platform-setting", "SET statement_timeout = 0"),
                arguments("platform-setting", "set/**/statement_timeout=0"),
                arguments("platform-setting", "SET LOCAL statement_timeout TO 0"),
                arguments("platform-setting", "SET \"lock_timeout\" = 0"),
                arguments("platform-setting", "SET idle_in_transaction_session_timeout = 0"),
                arguments("platform-setting", "SET default_transaction_read_only = off"),
                arguments("platform-setting", "SET row_security = off"),
                arguments("platform-setting", "SET search_path = pg_temp, public"),
                arguments("platform-setting", "RESET ALL"),
                arguments("function", "SELECT set_config('statement_timeout', '0', false)"),
                arguments("function", "SELECT pg_catalog.set_config('lock_timeout', '0', true)"),
                arguments("function", "SELECT \"set_config\"('statement_timeout', '0', false)"),
                arguments("function", "SELECT U&\"set\\005Fconfig\"('statement_timeout', '0', false)"),
                arguments("function", "SELECT * FROM orders WHERE set_config('tollgate.tenant_id', 'acme', true) <> ''"),
                arguments("role-change", "SET ROLE postgres"),
                arguments("role-change", "set local role none"),
                arguments("role-change", "SET SESSION AUTHORIZATION DEFAULT"),
                // Another caller's session state.
                arguments("session-state", "PREPARE stolen AS SELECT * FROM orders"),
                arguments("session-state", "EXECUTE S_1"),
                arguments("session-state", "DEALLOCATE ALL"),
                arguments("session-state", "DISCARD ALL"),
                arguments("session-state", "LISTEN tollgate"),
                arguments("session-state", "NOTIFY tollgate"),
                arguments("session-state", "DECLARE held CURSOR WITH HOLD FOR SELECT * FROM orders"),
                arguments("function", "SELECT pg_advisory_lock(42)"),
                arguments("function", "SELECT query_to_xml('SELECT * FROM orders', true, true, '')"),
                arguments("function", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"),
                // The platform's objects.
                arguments("platform-object", "ALTER ROLE CURRENT_USER PASSWORD 'pwned'"),
                arguments("platform-object", "ALTER USER CURRENT_USER SET statement_timeout = 0"),
                arguments("platform-object", "CREATE ROLE evil LOGIN SUPERUSER"),
                arguments("platform-object", "ALTER DATABASE postgres SET statement_timeout = 0"),
                arguments("platform-object", "CREATE EXTENSION dblink"),
                arguments("platform-object", "GRANT pg_read_all_data TO CURRENT_USER"),
                arguments("not-allowed", "COPY orders TO STDOUT"),
                arguments("not-allowed", "VACUUM orders"));
    }

    static Stream<Arguments> everyAccount() {
        List<Arguments> accounts = new ArrayList<>();
        for (DemoTenant tenant : DemoTenant.all()) {
            for (DemoTenant.DemoAccount account : tenant.accounts()) {
                accounts.add(arguments(account));
            }
        }
        return accounts.stream();
    }

    static Stream<Arguments> attacksByAccount() {
        return everyAccount().flatMap(account -> refusedForEveryone()
                .map(attack -> arguments(account.get()[0], attack.get()[0], attack.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("attacksByAccount")
    void noAccountMayRunWhatThePlatformOwns(DemoTenant.DemoAccount account, String rule, String attack)
            throws SQLException {
        try (Connection c = jdbc.connect(account)) {
            assertRefused(c, rule, attack);
            assertOnlyItsOwnOrders(c, account);
        }
    }

    static Stream<Arguments> readerRefusals() {
        return Stream.of(DemoTenant.all().toArray()).flatMap(tenant -> Stream.of(
                "INSERT INTO orders (id, customer, amount) VALUES (902, 'planted', 1)",
                "UPDATE orders SET amount = 0",
                "delete from orders",
                "MERGE INTO orders o USING (SELECT 1 AS id) s ON o.id = s.id WHEN MATCHED THEN DELETE",
                "WITH gone AS (DELETE FROM orders RETURNING *) SELECT count(*) FROM gone",
                "(WITH gone AS (UPDATE orders SET amount = 0 RETURNING *) SELECT 1)",
                "SELECT * FROM orders FOR UPDATE",
                "SELECT * FROM (SELECT * FROM orders FOR SHARE) locked",
                "SELECT * INTO stolen_orders FROM orders",
                "CALL anything()")
                .map(sql -> arguments(((DemoTenant) tenant).id(), sql)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("readerRefusals")
    void aReaderCannotWriteWhateverTheStatementLooksLike(String tenantId, String attack) throws SQLException {
        DemoTenant tenant = tenantId.equals(ACME.id()) ? ACME : GLOBEX;
        try (Connection c = jdbc.connect(FlightJdbc.account(tenant, "reader"))) {
            // In the shared database, what no class may run there (SELECT INTO's DDL) says so first.
            assertRefused(c, tenant.sharedRls() && attack.contains(" INTO stolen") ? "shared-database" : "access-class",
                    attack);
            assertEquals(tenant.customers().size(), count(c, "SELECT count(*) FROM orders"), "nothing changed");
        }
    }

    static Stream<String> sharedDatabaseRefusals() {
        return Stream.of(
                "LOCK TABLE orders IN ACCESS EXCLUSIVE MODE",
                "lock orders",
                "LOCK TABLE ONLY orders IN SHARE ROW EXCLUSIVE MODE NOWAIT",
                "TRUNCATE orders",
                "ALTER TABLE orders ADD COLUMN x int",
                "CREATE INDEX ON orders (customer)",
                "DROP TABLE orders",
                "CREATE TABLE mine (a int)",
                "DO $$ BEGIN EXECUTE 'LOCK TABLE orders'; END $$",
                "DO $x$ BEGIN PERFORM pg_sleep(0); END $x$",
                "EXPLAIN SELECT * FROM orders",
                "explain (analyze, buffers) SELECT * FROM orders WHERE customer > ''",
                "SELECT pg_advisory_xact_lock(1)",
                "SELECT lo_create(0)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedDatabaseRefusals")
    void inTheSharedDatabaseNoAccountLocksTablesRunsDdlOrCodeOrExplains(String attack) throws SQLException {
        for (String name : List.of("writer", "admin")) {
            try (Connection c = jdbc.connect(FlightJdbc.account(GLOBEX, name))) {
                SQLException refused = assertThrows(SQLException.class, () -> run(c, attack), attack);
                assertTrue(messages(refused).contains("statement refused ["), name + ": " + messages(refused));
                assertOnlyItsOwnOrders(c, FlightJdbc.account(GLOBEX, name));
            }
        }
    }

    /**
     * In the shared database, globex's writer holds every lock it may take on the shared table (row
     * locks through FOR UPDATE, UPDATE and DELETE, in an open Flight SQL transaction) and tries the
     * table locks it may not; meanwhile another tenant of the same table reads and writes its own
     * rows with a lock timeout of two seconds, which it would hit if it had to wait for globex.
     */
    @Test
    void aTenantHoldingEveryLockItMayTakeDoesNotStallAnotherTenantOfTheSharedTable() throws Exception {
        String otherLogin = "initech_login_" + Suite.uniqueSuffix().replace("_", "");
        try (Connection su = suite.postgres().connect(suite.sharedDatabase()); Statement s = su.createStatement()) {
            s.execute("CREATE ROLE " + otherLogin + " LOGIN PASSWORD 'initech' NOSUPERUSER NOBYPASSRLS");
            s.execute("GRANT CONNECT ON DATABASE " + suite.sharedDatabase() + " TO " + otherLogin);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON orders TO " + otherLogin);
            s.execute("SELECT tollgate.register_tenant_role('initech', '" + otherLogin + "')");
        }
        CredentialCallOption globexWriter = new CredentialCallOption(
                new BearerCredentialWriter(jdbc.token(FlightJdbc.account(GLOBEX, "writer"))));
        try (BufferAllocator allocator = new RootAllocator();
             FlightSqlClient globex = new FlightSqlClient(FlightClient.builder(allocator,
                     Location.forGrpcInsecure("localhost", suite.ports().flight())).build());
             Connection other = java.sql.DriverManager.getConnection(
                     suite.postgres().jdbcUrl(suite.sharedDatabase()), otherLogin, "initech")) {
            try (Statement s = other.createStatement()) {
                s.execute("SET lock_timeout = '2s'");
                s.execute("INSERT INTO orders (id, customer, amount) VALUES (1, 'Initech', 10)");
            }
            FlightSqlClient.Transaction transaction = globex.beginTransaction(globexWriter);
            try {
                drain(globex, globex.execute("SELECT * FROM orders FOR UPDATE", transaction, globexWriter), globexWriter);
                globex.executeUpdate("UPDATE orders SET amount = amount", transaction, globexWriter);
                globex.executeUpdate("DELETE FROM orders WHERE id = 1 AND amount < 0", transaction, globexWriter);
                for (String lock : List.of("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE", "LOCK orders IN SHARE MODE",
                        "TRUNCATE orders", "SELECT pg_advisory_xact_lock(1)")) {
                    FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                            () -> globex.executeUpdate(lock, transaction, globexWriter), lock);
                    assertTrue(refused.getMessage().contains("statement refused ["), refused.getMessage());
                }
                try (Connection su = suite.postgres().connect(suite.sharedDatabase())) {
                    assertTrue(count(su, "SELECT count(*) FROM pg_stat_activity a JOIN pg_locks l ON l.pid = a.pid "
                            + "WHERE a.state = 'idle in transaction' AND l.relation = 'orders'::regclass") > 0,
                            "globex's transaction holds its locks: " + text(su, "SELECT string_agg(a.usename || ' '"
                                    + " || a.application_name || ' ' || a.state || ' ' || coalesce(l.relation::regclass::text,"
                                    + " l.locktype) || ' ' || l.mode, '; ') FROM pg_stat_activity a JOIN pg_locks l"
                                    + " ON l.pid = a.pid WHERE a.datname = current_database()"));
                }
                try (Statement o = other.createStatement()) {
                    assertEquals(1, count(other, "SELECT count(*) FROM orders"), "the other tenant reads its row");
                    assertEquals(1, o.executeUpdate("UPDATE orders SET amount = amount + 1 WHERE id = 1"));
                    assertEquals(1, o.executeUpdate("INSERT INTO orders (id, customer, amount) VALUES (2, 'Initech 2', 1)"));
                    assertEquals(1, o.executeUpdate("DELETE FROM orders WHERE id = 2"));
                    assertEquals(1, count(other, "SELECT count(*) FROM (SELECT 1 FROM orders FOR UPDATE) locked"));
                }
            } finally {
                globex.rollback(transaction, globexWriter);
            }
        } finally {
            try (Connection su = suite.postgres().connect(suite.sharedDatabase()); Statement s = su.createStatement()) {
                s.execute("DELETE FROM orders WHERE tenant_id = 'initech'");
                s.execute("DELETE FROM tollgate.tenant_roles WHERE role_name = '" + otherLogin + "'");
                s.execute("REVOKE ALL ON orders FROM " + otherLogin);
                s.execute("REVOKE ALL ON DATABASE " + suite.sharedDatabase() + " FROM " + otherLogin);
                s.execute("DROP ROLE " + otherLogin);
            }
        }
        try (Connection c = jdbc.connect(FlightJdbc.account(GLOBEX, "reader"))) {
            assertOnlyItsOwnOrders(c, FlightJdbc.account(GLOBEX, "reader"));
        }
    }

    static Stream<String> sharedDatabaseSideChannels() {
        return Stream.of(
                "SELECT reltuples FROM pg_class WHERE relname = 'orders'",
                "SELECT relpages FROM pg_catalog.pg_class WHERE relname = 'orders'",
                "SELECT * FROM pg_class WHERE relname = 'orders'",
                "SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'orders'",
                "SELECT n_tup_ins FROM pg_stat_all_tables WHERE relname = 'orders'",
                "SELECT heap_blks_read FROM pg_statio_user_tables",
                "SELECT pg_relation_size('orders')",
                "SELECT pg_total_relation_size('orders')",
                "SELECT pg_stat_get_live_tuples('orders'::regclass)",
                "SELECT pg_database_size(current_database())",
                "SELECT datname FROM pg_database",
                "SELECT rolname FROM pg_roles",
                "SELECT usename FROM pg_user",
                "SELECT pid, usename FROM pg_stat_activity",
                "SELECT * FROM pg_locks",
                "EXPLAIN SELECT * FROM orders WHERE customer LIKE 'Intruder%'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedDatabaseSideChannels")
    void inTheSharedDatabaseSizesStatisticsAndOtherTenantsSessionsAreClosed(String probe) throws SQLException {
        for (String name : List.of("reader", "writer", "admin")) {
            try (Connection c = jdbc.connect(FlightJdbc.account(GLOBEX, name))) {
                SQLException refused = assertThrows(SQLException.class, () -> run(c, probe), probe);
                String messages = messages(refused);
                assertTrue(messages.contains("SQLSTATE 42501") || messages.contains("statement refused [shared-database]"),
                        name + ": " + messages);
            }
        }
    }

    @Test
    void inTheSharedDatabaseTheMetadataCallsStillWork() throws SQLException {
        try (Connection c = jdbc.connect(FlightJdbc.account(GLOBEX, "reader"))) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertTrue(tables.contains("orders"), tables.toString());
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "orders", null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            assertTrue(columns.containsAll(List.of("tenant_id", "id", "customer", "amount")), columns.toString());
        }
    }

    @Test
    void aWriterStillWritesAndADedicatedTenantAdminStillDefinesItsOwnTables() throws SQLException {
        try (Connection c = jdbc.connect(FlightJdbc.account(GLOBEX, "writer")); Statement s = c.createStatement()) {
            assertEquals(1, s.executeUpdate("UPDATE orders SET amount = amount WHERE id = 1"));
        }
        try (Connection c = jdbc.connect(FlightJdbc.account(ACME, "admin")); Statement s = c.createStatement()) {
            // The gateway lets a dedicated tenant's admin send DDL; whether it may create the table
            // is then up to its login's privileges in PostgreSQL.
            try {
                s.executeUpdate("CREATE TABLE IF NOT EXISTS admin_notes (id int)");
                s.executeUpdate("DROP TABLE admin_notes");
            } catch (SQLException byPostgres) {
                assertFalse(messages(byPostgres).contains("statement refused"), messages(byPostgres));
                assertTrue(messages(byPostgres).contains("SQLSTATE 42501"), messages(byPostgres));
            }
            assertEquals(ACME.customers().size(), count(c, "SELECT count(*) FROM orders"));
        }
    }

    @Test
    void stateLeftByCodeTheGatewayCannotSeeIsGoneForTheNextCall() throws SQLException {
        DemoTenant.DemoAccount admin = FlightJdbc.account(ACME, "admin");
        // One connection per pool is enough to be sure the next call gets this backend: repeat on many.
        for (int i = 0; i < 12; i++) {
            try (Connection c = jdbc.connect(admin); Statement s = c.createStatement()) {
                s.execute("DO $$ BEGIN "
                        + "EXECUTE 'SET statement_timeout = 0'; EXECUTE 'SET lock_timeout = 0'; "
                        + "EXECUTE 'SET search_path = pg_temp, public'; "
                        // The admin's own statement may still be there from its last call on this connection.
                        + "IF NOT EXISTS (SELECT 1 FROM pg_prepared_statements WHERE name = 'left_behind') THEN "
                        + "EXECUTE 'PREPARE left_behind AS SELECT 42'; END IF; EXECUTE 'LISTEN left_behind'; "
                        + "PERFORM pg_advisory_lock(4242); END $$");
            }
        }
        for (DemoTenant.DemoAccount account : ACME.accounts()) {
            for (int i = 0; i < 12; i++) {
                try (Connection c = jdbc.connect(account)) {
                    if (!account.name().equals("admin")) {
                        // A caller's own server-side statements are kept for its next call on the
                        // same connection (FlightSqlSessionStateTest); anyone else's never are.
                        assertEquals(0, count(c, "SELECT count(*) FROM pg_prepared_statements WHERE name = 'left_behind'"));
                    }
                    assertEquals(0, count(c, "SELECT count(*) FROM pg_listening_channels()"));
                    assertEquals(0, count(c, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                            + "AND pid = pg_backend_pid()"));
                    assertEquals("1min", text(c, "SHOW statement_timeout"), "the tenant's own timeout holds");
                    assertEquals("5s", text(c, "SHOW lock_timeout"), "the platform's lock timeout holds");
                    assertFalse(text(c, "SHOW search_path").contains("pg_temp"));
                }
            }
        }
    }

    @Test
    void aReaderAskingForAGigabyteOfWideRowsCannotStopAnotherTenantsQueries() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            // 256 rows of 4 MiB each: a gigabyte, through the JDBC path (bytea) and the COPY path (text).
            Future<String> wide = threads.submit(() -> wideRead(
                    "SELECT decode(repeat('ab', 4194304), 'hex') AS payload FROM generate_series(1, 256)"));
            Future<String> wideText = threads.submit(() -> wideRead(
                    "SELECT repeat('x', 4194304) AS payload FROM generate_series(1, 256)"));
            // Rows of 100 MiB: sixteen in one fetch would be 1.6 GiB in the heap before any quota.
            Future<String> huge = threads.submit(() -> wideRead(
                    "SELECT decode(repeat('ab', 52428800), 'hex') AS payload FROM generate_series(1, 16)"));
            DemoTenant.DemoAccount other = FlightJdbc.account(GLOBEX, "reader");
            int answered = 0;
            while (!(wide.isDone() && wideText.isDone() && huge.isDone()) || answered < 20) {
                try (Connection c = jdbc.connect(other)) {
                    assertEquals(GLOBEX.customers().size(), count(c, "SELECT count(*) FROM orders"));
                    answered++;
                }
            }
            String hugeEnded = huge.get(5, TimeUnit.MINUTES);
            assertTrue(hugeEnded.contains("a row of the result is larger than a row may be (tollgate.flight.limits.max-row-bytes)"),
                    hugeEnded);
            for (Future<String> outcome : List.of(wide, wideText)) {
                String ended = outcome.get(5, TimeUnit.MINUTES);
                assertTrue(ended.equals("complete") || ended.contains("RESOURCE_EXHAUSTED")
                        || ended.contains("more memory than"), ended);
            }
            try (Connection c = jdbc.connect(FlightJdbc.account(ACME, "reader"))) {
                assertEquals(ACME.customers().size(), count(c, "SELECT count(*) FROM orders"),
                        "and the service still serves the reader itself");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static String wideRead(String sql) {
        try (Connection c = jdbc.connect(FlightJdbc.account(ACME, "reader"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int rows = 0;
            while (rs.next()) {
                rows++;
            }
            return rows == 256 ? "complete" : "incomplete: " + rows;
        } catch (SQLException e) {
            return messages(e);
        }
    }

    private static void drain(FlightSqlClient client, FlightInfo info, CallOption... options) throws Exception {
        try (FlightStream stream = client.getStream(info.getEndpoints().get(0).getTicket(), options)) {
            while (stream.next()) {
                // the rows are locked as they are read
            }
        }
    }

    private static void assertRefused(Connection c, String rule, String attack) {
        SQLException refused = assertThrows(SQLException.class, () -> run(c, attack), attack);
        String messages = messages(refused);
        assertTrue(messages.contains("statement refused [" + rule + "]"), attack + " -> " + messages);
        assertFalse(messages.toLowerCase().contains("exception") || messages.contains("\tat "),
                "no internals in the error: " + messages);
    }

    private static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (s.execute(sql)) {
                try (ResultSet rs = s.getResultSet()) {
                    while (rs.next()) {
                        // drain
                    }
                }
            }
        }
    }

    private static void assertOnlyItsOwnOrders(Connection c, DemoTenant.DemoAccount account) throws SQLException {
        DemoTenant tenant = account.tenantId().equals(ACME.id()) ? ACME : GLOBEX;
        List<String> customers = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT customer FROM orders ORDER BY id")) {
            while (rs.next()) {
                customers.add(rs.getString(1));
            }
        }
        assertEquals(tenant.customers(), customers, "the session still works and sees only its tenant's rows");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getString(1);
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
