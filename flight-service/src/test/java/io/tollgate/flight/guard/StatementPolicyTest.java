package io.tollgate.flight.guard;

import io.tollgate.common.auth.AccessClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.tollgate.common.auth.AccessClass.ADMIN;
import static io.tollgate.common.auth.AccessClass.READER;
import static io.tollgate.common.auth.AccessClass.WRITER;
import static io.tollgate.flight.guard.StatementRefusedException.Rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class StatementPolicyTest {

    static Stream<Arguments> allowedToReaders() {
        return Stream.of(
                arguments("SELECT * FROM orders", StatementKind.QUERY),
                arguments("select 1;", StatementKind.QUERY),
                arguments("  ;; SELECT 1 ;  -- trailing comment", StatementKind.QUERY),
                arguments("/* leading /* nested */ comment */ SELECT 1", StatementKind.QUERY),
                arguments("(SELECT 1) UNION (SELECT 2)", StatementKind.QUERY),
                arguments("VALUES (1), (2)", StatementKind.QUERY),
                arguments("TABLE orders", StatementKind.QUERY),
                arguments("WITH a AS (SELECT 1), b (x) AS MATERIALIZED (SELECT 2) SELECT * FROM a, b", StatementKind.QUERY),
                arguments("WITH RECURSIVE t(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM t WHERE n < 5) SELECT * FROM t",
                        StatementKind.QUERY),
                arguments("SELECT 'COMMIT; DROP TABLE x' AS s", StatementKind.QUERY),
                arguments("SELECT $$ ; DELETE FROM orders $$", StatementKind.QUERY),
                arguments("SELECT $tag$ $$ ; $tag$", StatementKind.QUERY),
                arguments("SELECT E'\\' ; COMMIT; --'", StatementKind.QUERY),
                arguments("SELECT 'it''s ; fine'", StatementKind.QUERY),
                arguments("SELECT \"weird;name\" FROM orders", StatementKind.QUERY),
                arguments("SELECT a$b$c FROM orders", StatementKind.QUERY),
                arguments("SELECT * FROM orders WHERE id = ? AND customer = $1", StatementKind.QUERY),
                arguments("SELECT substring('abc' FROM 1 FOR 2)", StatementKind.QUERY),
                arguments("SHOW search_path", StatementKind.SHOW),
                arguments("SET LOCAL search_path TO public", StatementKind.SET_LOCAL_SEARCH_PATH),
                arguments("set local \"search_path\" = public", StatementKind.SET_LOCAL_SEARCH_PATH),
                arguments("DECLARE c CURSOR FOR SELECT * FROM orders", StatementKind.CURSOR),
                arguments("FETCH 10 FROM c", StatementKind.CURSOR),
                arguments("CLOSE c", StatementKind.CURSOR));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedToReaders")
    void readersMayRunQueriesInEitherMode(String sql, StatementKind kind) {
        assertEquals(kind, StatementPolicy.admit(sql, READER, true));
        assertEquals(kind, StatementPolicy.admit(sql, READER, false));
    }

    static Stream<Arguments> refusedToEveryone() {
        return Stream.of(
                // More than one statement, in every disguise.
                arguments("SELECT 1; SELECT 2", Rule.ONE_STATEMENT),
                arguments("SELECT 1;COMMIT", Rule.ONE_STATEMENT),
                arguments("SELECT 'x'';' ; DELETE FROM orders", Rule.ONE_STATEMENT),
                arguments("SELECT E'\\'' ; DELETE FROM orders", Rule.ONE_STATEMENT),
                arguments("SELECT $a$ x $a$; DELETE FROM orders", Rule.ONE_STATEMENT),
                arguments("SELECT 1 /* ; */ ; SET ROLE postgres", Rule.ONE_STATEMENT),
                arguments("SELECT 1 -- ;\n; SELECT 2", Rule.ONE_STATEMENT),
                arguments("SELECT \"a\"\"\"; SELECT 2", Rule.ONE_STATEMENT),
                // Transaction control.
                arguments("COMMIT", Rule.TRANSACTION_CONTROL),
                arguments("  commit  ", Rule.TRANSACTION_CONTROL),
                arguments("/* hi */ RoLlBaCk", Rule.TRANSACTION_CONTROL),
                arguments("END", Rule.TRANSACTION_CONTROL),
                arguments("ABORT", Rule.TRANSACTION_CONTROL),
                arguments("BEGIN", Rule.TRANSACTION_CONTROL),
                arguments("START TRANSACTION READ WRITE", Rule.TRANSACTION_CONTROL),
                arguments("SAVEPOINT s", Rule.TRANSACTION_CONTROL),
                arguments("RELEASE SAVEPOINT s", Rule.TRANSACTION_CONTROL),
                arguments("PREPARE TRANSACTION 'x'", Rule.TRANSACTION_CONTROL),
                arguments("SET TRANSACTION READ WRITE", Rule.TRANSACTION_CONTROL),
                arguments("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE", Rule.TRANSACTION_CONTROL),
                // Settings the platform owns.
                arguments("SET statement_timeout = 0", Rule.PLATFORM_SETTING),
                arguments("SET LOCAL statement_timeout = 0", Rule.PLATFORM_SETTING),
                arguments("set session lock_timeout to 0", Rule.PLATFORM_SETTING),
                arguments("SET search_path = pg_temp, public", Rule.PLATFORM_SETTING),
                arguments("SET row_security = off", Rule.PLATFORM_SETTING),
                arguments("SET default_transaction_read_only = off", Rule.PLATFORM_SETTING),
                arguments("SET \"statement_timeout\" = 0", Rule.PLATFORM_SETTING),
                arguments("RESET ALL", Rule.PLATFORM_SETTING),
                arguments("RESET statement_timeout", Rule.PLATFORM_SETTING),
                arguments("SELECT set_config('statement_timeout', '0', false)", Rule.FUNCTION),
                arguments("SELECT pg_catalog.set_config('statement_timeout', '0', true)", Rule.FUNCTION),
                arguments("SELECT \"set_config\"('statement_timeout', '0', false)", Rule.FUNCTION),
                arguments("SELECT U&\"set\\005fconfig\"('statement_timeout', '0', false)", Rule.FUNCTION),
                arguments("SELECT U&\"set!005fconfig\" UESCAPE '!' ('statement_timeout', '0', false)", Rule.FUNCTION),
                arguments("SELECT SET_CONFIG ('x', 'y', false)", Rule.FUNCTION),
                arguments("SELECT 1 FROM orders WHERE set_config/**/('a','b',false) IS NOT NULL", Rule.FUNCTION),
                // Who we are.
                arguments("SET ROLE postgres", Rule.ROLE_CHANGE),
                arguments("SET LOCAL ROLE postgres", Rule.ROLE_CHANGE),
                arguments("SET SESSION AUTHORIZATION postgres", Rule.ROLE_CHANGE),
                arguments("SET LOCAL SESSION AUTHORIZATION DEFAULT", Rule.ROLE_CHANGE),
                // Session state.
                arguments("PREPARE p AS SELECT 1", Rule.SESSION_STATE),
                arguments("EXECUTE p", Rule.SESSION_STATE),
                arguments("DEALLOCATE ALL", Rule.SESSION_STATE),
                arguments("DEALLOCATE S_1", Rule.SESSION_STATE),
                arguments("DISCARD ALL", Rule.SESSION_STATE),
                arguments("LISTEN x", Rule.SESSION_STATE),
                arguments("NOTIFY x", Rule.SESSION_STATE),
                arguments("DECLARE c CURSOR WITH HOLD FOR SELECT 1", Rule.SESSION_STATE),
                // Platform objects and the server.
                arguments("ALTER ROLE CURRENT_USER PASSWORD 'x'", Rule.PLATFORM_OBJECT),
                arguments("ALTER USER me PASSWORD 'x'", Rule.PLATFORM_OBJECT),
                arguments("CREATE ROLE evil LOGIN", Rule.PLATFORM_OBJECT),
                arguments("ALTER DATABASE d SET statement_timeout = 0", Rule.PLATFORM_OBJECT),
                arguments("CREATE EXTENSION dblink", Rule.PLATFORM_OBJECT),
                arguments("CREATE OR REPLACE TRUSTED PROCEDURAL LANGUAGE x", Rule.PLATFORM_OBJECT),
                arguments("ALTER SYSTEM SET work_mem = '1TB'", Rule.PLATFORM_OBJECT),
                arguments("GRANT pg_read_all_data TO me", Rule.PLATFORM_OBJECT),
                arguments("GRANT CONNECT ON DATABASE d TO PUBLIC", Rule.PLATFORM_OBJECT),
                arguments("CREATE SERVER s FOREIGN DATA WRAPPER postgres_fdw", Rule.PLATFORM_OBJECT),
                arguments("DROP OWNED BY me", Rule.PLATFORM_OBJECT),
                arguments("COMMENT ON ROLE me IS 'x'", Rule.PLATFORM_OBJECT),
                // Functions that reach outside or run SQL the gateway cannot see.
                arguments("SELECT pg_advisory_lock(1)", Rule.FUNCTION),
                arguments("SELECT query_to_xml('SELECT * FROM orders', true, true, '')", Rule.FUNCTION),
                arguments("SELECT * FROM dblink('dbname=x', 'SELECT 1') AS t(a int)", Rule.FUNCTION),
                arguments("SELECT pg_terminate_backend(1)", Rule.FUNCTION),
                arguments("SELECT pg_read_file('global/pg_control')", Rule.FUNCTION),
                // Other statements.
                arguments("COPY orders TO STDOUT", Rule.NOT_ALLOWED),
                arguments("VACUUM orders", Rule.NOT_ALLOWED),
                arguments("LOAD 'x'", Rule.NOT_ALLOWED),
                arguments("CHECKPOINT", Rule.NOT_ALLOWED),
                // What cannot be read.
                arguments("SELECT 'unterminated", Rule.SYNTAX),
                arguments("SELECT $x$ unterminated", Rule.SYNTAX),
                arguments("SELECT 1 /* unterminated", Rule.SYNTAX),
                arguments("SELECT {fn now()}", Rule.SYNTAX),
                arguments("  ; ;  ", Rule.SYNTAX),
                arguments("-- only a comment", Rule.SYNTAX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedToEveryone")
    void noAccessClassMayRunWhatThePlatformOwns(String sql, Rule rule) {
        for (AccessClass accessClass : AccessClass.values()) {
            for (boolean shared : new boolean[] {false, true}) {
                StatementRefusedException refused = assertThrows(StatementRefusedException.class,
                        () -> StatementPolicy.admit(sql, accessClass, shared), sql);
                assertEquals(rule, refused.rule(), sql + " as " + accessClass + (shared ? " (shared)" : ""));
                assertTrue(refused.getMessage().startsWith("statement refused [" + rule.wireName() + "]: "));
            }
        }
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                arguments("INSERT INTO orders VALUES (1)", StatementKind.WRITE),
                arguments("update orders set amount = 1", StatementKind.WRITE),
                arguments("DELETE FROM orders", StatementKind.WRITE),
                arguments("MERGE INTO orders o USING src s ON o.id = s.id WHEN MATCHED THEN DELETE", StatementKind.WRITE),
                arguments("WITH d AS (DELETE FROM orders RETURNING *) SELECT * FROM d", StatementKind.WRITE),
                arguments("WITH x AS (SELECT 1), d AS NOT MATERIALIZED (UPDATE orders SET amount = 0 RETURNING *) "
                        + "SELECT 1", StatementKind.WRITE),
                arguments("WITH x AS (SELECT 1) INSERT INTO orders SELECT * FROM x", StatementKind.WRITE),
                arguments("(WITH d AS (DELETE FROM orders RETURNING 1) SELECT 1)", StatementKind.WRITE),
                arguments("SELECT * FROM orders FOR UPDATE", StatementKind.ROW_LOCK),
                arguments("SELECT * FROM orders FOR NO KEY UPDATE SKIP LOCKED", StatementKind.ROW_LOCK),
                arguments("SELECT * FROM (SELECT * FROM orders FOR SHARE) s", StatementKind.ROW_LOCK),
                arguments("SELECT * FROM orders FOR KEY SHARE", StatementKind.ROW_LOCK),
                arguments("CALL do_something(1)", StatementKind.CALL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writesNeedAWriter(String sql, StatementKind kind) {
        StatementRefusedException refused = assertThrows(StatementRefusedException.class,
                () -> StatementPolicy.admit(sql, READER, false));
        assertEquals(Rule.ACCESS_CLASS, refused.rule());
        assertEquals(kind, StatementPolicy.admit(sql, WRITER, true));
        assertEquals(kind, StatementPolicy.admit(sql, ADMIN, false));
    }

    static Stream<Arguments> dedicatedOnly() {
        return Stream.of(
                arguments("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE", WRITER, StatementKind.TABLE_LOCK),
                arguments("lock orders", WRITER, StatementKind.TABLE_LOCK),
                arguments("EXPLAIN SELECT * FROM orders", READER, StatementKind.EXPLAIN),
                arguments("EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM orders", READER, StatementKind.EXPLAIN),
                arguments("EXPLAIN ANALYZE VERBOSE DELETE FROM orders", WRITER, StatementKind.EXPLAIN),
                arguments("TRUNCATE orders", ADMIN, StatementKind.TRUNCATE),
                arguments("CREATE TABLE t (a int)", ADMIN, StatementKind.DDL),
                arguments("CREATE OR REPLACE TEMP VIEW v AS SELECT 1", ADMIN, StatementKind.DDL),
                arguments("ALTER TABLE orders DISABLE ROW LEVEL SECURITY", ADMIN, StatementKind.DDL),
                arguments("DROP POLICY p ON orders", ADMIN, StatementKind.DDL),
                arguments("CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1'", ADMIN, StatementKind.DDL),
                arguments("GRANT SELECT ON orders TO someone", ADMIN, StatementKind.DDL),
                arguments("SELECT * INTO copy_of_orders FROM orders", ADMIN, StatementKind.DDL),
                arguments("(SELECT * INTO copy_of_orders FROM orders)", ADMIN, StatementKind.DDL),
                arguments("DO $$ BEGIN PERFORM 1; END $$", ADMIN, StatementKind.CODE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dedicatedOnly")
    void locksDdlCodeAndExplainRunOnlyInADedicatedDatabaseForTheirClass(String sql, AccessClass least, StatementKind kind) {
        assertEquals(kind, StatementPolicy.admit(sql, least, false));
        assertEquals(kind, StatementPolicy.admit(sql, ADMIN, false));
        for (AccessClass accessClass : AccessClass.values()) {
            StatementRefusedException refused = assertThrows(StatementRefusedException.class,
                    () -> StatementPolicy.admit(sql, accessClass, true));
            assertEquals(Rule.SHARED_DATABASE, refused.rule(), sql);
            if (!accessClass.covers(least)) {
                assertEquals(Rule.ACCESS_CLASS, assertThrows(StatementRefusedException.class,
                        () -> StatementPolicy.admit(sql, accessClass, false)).rule(), sql);
            }
        }
    }

    @Test
    void explainNeedsWhatTheExplainedStatementNeeds() {
        assertEquals(Rule.ACCESS_CLASS, assertThrows(StatementRefusedException.class,
                () -> StatementPolicy.admit("EXPLAIN ANALYZE DELETE FROM orders", READER, false)).rule());
        assertEquals(Rule.TRANSACTION_CONTROL, assertThrows(StatementRefusedException.class,
                () -> StatementPolicy.admit("EXPLAIN COMMIT", ADMIN, false)).rule());
    }

    @Test
    void advisoryTransactionLocksAndLargeObjectsAreRefusedOnlyInASharedDatabase() {
        assertEquals(StatementKind.QUERY, StatementPolicy.admit("SELECT pg_advisory_xact_lock(1)", READER, false));
        assertEquals(Rule.FUNCTION, assertThrows(StatementRefusedException.class,
                () -> StatementPolicy.admit("SELECT pg_advisory_xact_lock(1)", READER, true)).rule());
        assertEquals(Rule.FUNCTION, assertThrows(StatementRefusedException.class,
                () -> StatementPolicy.admit("SELECT lo_create(0)", WRITER, true)).rule());
    }

    @Test
    void aCteNamedLikeAVerbIsStillReadAsAQuery() {
        assertEquals(StatementKind.QUERY,
                StatementPolicy.admit("WITH \"delete\" AS (SELECT 1 AS a) SELECT * FROM \"delete\"", READER, true));
    }
}
