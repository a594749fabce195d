package io.tollgate.flight.guard;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.flight.guard.StatementClassifier.Classified;
import io.tollgate.flight.guard.StatementRefusedException.Rule;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.Parser;

import java.sql.SQLException;
import java.util.List;

/**
 * The allow-list: which statements an access class may send, in which isolation mode. One
 * statement per call, classified by {@link SqlLexer} and {@link StatementClassifier}; the
 * driver's own split of the text must agree that it is one statement, so that what is
 * classified is exactly what PostgreSQL receives (the server refuses several statements in one
 * extended-protocol Parse, so the driver's split is the only way a second one could reach it).
 *
 * <pre>
 * kind                                   reader  writer  admin   shared database
 * SELECT, VALUES, TABLE, WITH (query)    yes     yes     yes     yes
 * SHOW, SET LOCAL search_path            yes     yes     yes     yes
 * cursors (not WITH HOLD)                yes     yes     yes     yes
 * EXPLAIN (as the explained statement)   yes     yes     yes     no (estimates describe others' rows)
 * INSERT, UPDATE, DELETE, MERGE          no      yes     yes     yes
 * SELECT ... FOR UPDATE / SHARE, CALL    no      yes     yes     yes
 * LOCK TABLE                             no      yes     yes     no (stalls other tenants)
 * TRUNCATE, DDL, SELECT INTO, DO         no      no      yes     no
 * transaction control, SET, RESET,       no      no      no      no
 * PREPARE/EXECUTE/DEALLOCATE, DISCARD,
 * LISTEN/NOTIFY, COPY, roles, databases,
 * extensions, set_config(), advisory locks, dblink, query_to_xml()
 * </pre>
 */
public final class StatementPolicy {
    private StatementPolicy() {
    }

    /**
     * Admits the text as one statement the access class may run, or refuses it.
     *
     * @return what the statement does
     * @throws StatementRefusedException naming the rule it breaks
     */
    public static StatementKind admit(String sql, AccessClass accessClass, boolean sharedRls) {
        List<List<SqlToken>> statements = SqlLexer.statements(sql);
        if (statements.isEmpty()) {
            throw new StatementRefusedException(Rule.SYNTAX, "no statement");
        }
        if (statements.size() > 1 || driverSplits(sql)) {
            throw new StatementRefusedException(Rule.ONE_STATEMENT, "send one statement per call");
        }
        Classified classified = StatementClassifier.classify(statements.get(0), sharedRls);
        check(classified.kind(), accessClass, sharedRls);
        if (classified.inner() != null) {
            check(classified.inner(), accessClass, sharedRls);
        }
        return classified.kind();
    }

    /**
     * Admits work of this kind that the gateway itself writes the SQL for (bulk ingest), by the same table.
     *
     * @throws StatementRefusedException when the access class or the isolation mode does not allow it
     */
    public static void check(StatementKind kind, AccessClass accessClass, boolean sharedRls) {
        if (sharedRls && !kind.allowedWhenShared()) {
            throw new StatementRefusedException(Rule.SHARED_DATABASE,
                    kind.name().replace('_', ' ') + " is not allowed in a shared database");
        }
        if (!accessClass.covers(kind.least())) {
            throw new StatementRefusedException(Rule.ACCESS_CLASS, "a " + accessClass.name().toLowerCase()
                    + " may not run " + kind.name().replace('_', ' '));
        }
    }

    /** Whether pgjdbc would send the text as more than one statement. */
    private static boolean driverSplits(String sql) {
        try {
            List<NativeQuery> queries = Parser.parseJdbcSql(sql, true, true, true, false, false);
            // A piece of only whitespace or comments reaches PostgreSQL as an empty query: no statement.
            return queries.stream().filter(q -> !SqlLexer.statements(q.nativeSql).isEmpty()).count() > 1;
        } catch (SQLException e) {
            throw new StatementRefusedException(Rule.SYNTAX, "the statement cannot be read");
        }
    }
}
