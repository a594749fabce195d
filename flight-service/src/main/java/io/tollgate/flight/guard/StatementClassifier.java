package io.tollgate.flight.guard;

import io.tollgate.flight.guard.StatementRefusedException.Rule;

import java.util.List;
import java.util.Set;

/**
 * Names what one statement does, from its tokens. Statements no access class may run
 * (transaction control, settings, session state, platform objects, functions outside the
 * gateway's reach) are refused here; what is left is a {@link StatementKind} for the
 * {@link StatementPolicy} to weigh against the caller's access class and the isolation mode.
 * Where a statement could be read two ways, it is read as the one that needs more.
 */
final class StatementClassifier {
    /** Functions no tenant statement may call: they change settings, reach outside or run SQL unseen. */
    private static final Set<String> REFUSED_FUNCTIONS = Set.of(
            "set_config",
            "pg_advisory_lock", "pg_advisory_lock_shared", "pg_try_advisory_lock", "pg_try_advisory_lock_shared",
            "pg_advisory_unlock", "pg_advisory_unlock_shared", "pg_advisory_unlock_all",
            "query_to_xml", "query_to_xmlschema", "query_to_xml_and_xmlschema", "cursor_to_xml", "cursor_to_xmlschema",
            "dblink", "dblink_exec", "dblink_connect", "dblink_connect_u", "dblink_send_query", "dblink_open",
            "lo_import", "lo_export",
            "pg_read_file", "pg_read_binary_file", "pg_ls_dir", "pg_stat_file",
            "pg_terminate_backend", "pg_cancel_backend", "pg_reload_conf", "pg_notify");
    /** Functions refused in a shared database only: their effects reach beyond the tenant's rows. */
    private static final Set<String> REFUSED_IN_SHARED_FUNCTIONS = Set.of(
            "pg_advisory_xact_lock", "pg_advisory_xact_lock_shared",
            "pg_try_advisory_xact_lock", "pg_try_advisory_xact_lock_shared",
            "lo_create", "lo_creat", "lo_from_bytea", "lo_put", "lo_unlink", "lo_open", "lo_get");
    /** Objects only the platform creates, alters or drops. */
    private static final Set<String> PLATFORM_OBJECTS = Set.of(
            "role", "user", "group", "database", "tablespace", "system", "extension", "language",
            "subscription", "publication", "server", "foreign", "event", "access", "owned", "large");
    /** Words that qualify a CREATE (or ALTER, DROP) before the kind of object. */
    private static final Set<String> OBJECT_MODIFIERS = Set.of(
            "or", "replace", "temp", "temporary", "unlogged", "global", "local", "trusted", "procedural",
            "unique", "recursive", "materialized", "default", "constraint");
    private static final Set<String> DDL = Set.of(
            "create", "alter", "drop", "comment", "grant", "revoke", "refresh", "reindex", "cluster",
            "analyze", "analyse");
    private static final Set<String> DML = Set.of("insert", "update", "delete", "merge");

    private StatementClassifier() {
    }

    /**
     * What the statement does.
     *
     * @param sharedRls whether it runs in a shared database (some functions are refused there only)
     */
    static Classified classify(List<SqlToken> tokens, boolean sharedRls) {
        checkFunctions(tokens, sharedRls);
        return kindOf(tokens, 0);
    }

    private static Classified kindOf(List<SqlToken> tokens, int from) {
        if (from >= tokens.size()) {
            throw new StatementRefusedException(Rule.SYNTAX, "a statement is missing");
        }
        SqlToken first = tokens.get(from);
        if (first.kind() == SqlToken.Kind.OPEN_PAREN) {
            return parenthesizedQuery(tokens, from);
        }
        if (first.kind() != SqlToken.Kind.WORD) {
            throw new StatementRefusedException(Rule.NOT_ALLOWED, "a statement must start with a keyword");
        }
        return switch (first.text()) {
            case "select", "values", "table" -> query(tokens, from);
            case "with" -> with(tokens, from);
            case "insert", "update", "delete", "merge" -> Classified.of(StatementKind.WRITE);
            case "show" -> Classified.of(StatementKind.SHOW);
            case "explain" -> explain(tokens, from);
            case "declare" -> declare(tokens, from);
            case "fetch", "move", "close" -> Classified.of(StatementKind.CURSOR);
            case "call" -> Classified.of(StatementKind.CALL);
            case "lock" -> Classified.of(StatementKind.TABLE_LOCK);
            case "truncate" -> Classified.of(StatementKind.TRUNCATE);
            case "do" -> Classified.of(StatementKind.CODE);
            case "set" -> set(tokens, from);
            case "reset" -> throw new StatementRefusedException(Rule.PLATFORM_SETTING,
                    "settings are the platform's; RESET is not allowed");
            case "begin", "start", "commit", "end", "rollback", "abort", "savepoint", "release" ->
                    throw transactionControl();
            case "prepare" -> {
                if (wordAt(tokens, from + 1, "transaction")) {
                    throw transactionControl();
                }
                throw new StatementRefusedException(Rule.SESSION_STATE,
                        "PREPARE is not allowed: use a Flight SQL prepared statement");
            }
            case "execute", "deallocate" -> throw new StatementRefusedException(Rule.SESSION_STATE,
                    first.text().toUpperCase() + " is not allowed: use a Flight SQL prepared statement");
            case "discard", "listen", "unlisten", "notify" -> throw new StatementRefusedException(Rule.SESSION_STATE,
                    first.text().toUpperCase() + " is not allowed: it acts on the pooled session");
            case "copy" -> throw new StatementRefusedException(Rule.NOT_ALLOWED,
                    "COPY is not allowed: run a query to read, use Flight SQL bulk ingest to load");
            default -> {
                if (DDL.contains(first.text())) {
                    yield ddl(tokens, from);
                }
                throw new StatementRefusedException(Rule.NOT_ALLOWED,
                        first.text().toUpperCase() + " statements are not allowed");
            }
        };
    }

    private static StatementRefusedException transactionControl() {
        return new StatementRefusedException(Rule.TRANSACTION_CONTROL,
                "the gateway owns the transaction: use Flight SQL's BeginTransaction and EndTransaction");
    }

    /** {@code (SELECT ...)}, {@code ((SELECT ...) UNION (...))}: a query whatever the parentheses. */
    private static Classified parenthesizedQuery(List<SqlToken> tokens, int from) {
        int i = from;
        while (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.OPEN_PAREN) {
            i++;
        }
        if (i < tokens.size() && (wordAt(tokens, i, "select") || wordAt(tokens, i, "values")
                || wordAt(tokens, i, "table") || wordAt(tokens, i, "with"))) {
            Classified inner = kindOf(tokens, i);
            return inner.kind() == StatementKind.WRITE ? inner : query(tokens, from);
        }
        throw new StatementRefusedException(Rule.NOT_ALLOWED, "only a query may start with '('");
    }

    /**
     * A query: more if it locks rows or creates a table ({@code SELECT ... INTO}, at any depth: a
     * query has no other use for INTO).
     */
    private static Classified query(List<SqlToken> tokens, int from) {
        for (int i = from; i < tokens.size(); i++) {
            if (tokens.get(i).is("into")) {
                return Classified.of(StatementKind.DDL);
            }
        }
        return locksRows(tokens, from) ? Classified.of(StatementKind.ROW_LOCK) : Classified.of(StatementKind.QUERY);
    }

    /** {@code FOR UPDATE}, {@code FOR NO KEY UPDATE}, {@code FOR SHARE}, {@code FOR KEY SHARE}, at any depth. */
    private static boolean locksRows(List<SqlToken> tokens, int from) {
        for (int i = from; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).is("for")) {
                SqlToken next = tokens.get(i + 1);
                if (next.is("update") || next.is("share") || next.is("no") || next.is("key")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code WITH [RECURSIVE] name [(columns)] AS [[NOT] MATERIALIZED] (body) [, ...] main}: a write
     * when the main statement or any body is INSERT, UPDATE, DELETE or MERGE; else a query.
     */
    private static Classified with(List<SqlToken> tokens, int from) {
        int i = from + 1;
        if (wordAt(tokens, i, "recursive")) {
            i++;
        }
        boolean writes = false;
        while (true) {
            i++; // the name
            if (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.OPEN_PAREN) {
                i = afterGroup(tokens, i);
            }
            if (!wordAt(tokens, i, "as")) {
                throw new StatementRefusedException(Rule.SYNTAX, "a WITH query must be named AS ( ... )");
            }
            i++;
            if (wordAt(tokens, i, "not")) {
                i++;
            }
            if (wordAt(tokens, i, "materialized")) {
                i++;
            }
            if (i >= tokens.size() || tokens.get(i).kind() != SqlToken.Kind.OPEN_PAREN) {
                throw new StatementRefusedException(Rule.SYNTAX, "a WITH query must be named AS ( ... )");
            }
            if (i + 1 < tokens.size() && tokens.get(i + 1).kind() == SqlToken.Kind.WORD
                    && DML.contains(tokens.get(i + 1).text())) {
                writes = true;
            }
            i = afterGroup(tokens, i);
            // SEARCH and CYCLE clauses, up to the next query's comma or the main statement.
            while (i < tokens.size() && tokens.get(i).kind() != SqlToken.Kind.COMMA && !isMainVerb(tokens.get(i))) {
                i = tokens.get(i).kind() == SqlToken.Kind.OPEN_PAREN ? afterGroup(tokens, i) : i + 1;
            }
            if (i >= tokens.size()) {
                throw new StatementRefusedException(Rule.SYNTAX, "a WITH clause must be followed by a statement");
            }
            if (tokens.get(i).kind() != SqlToken.Kind.COMMA) {
                break;
            }
            i++; // the comma: the next query's name follows
        }
        SqlToken main = tokens.get(i);
        if (writes || (main.kind() == SqlToken.Kind.WORD && DML.contains(main.text()))) {
            return Classified.of(StatementKind.WRITE);
        }
        return query(tokens, from);
    }

    private static boolean isMainVerb(SqlToken token) {
        return token.kind() == SqlToken.Kind.OPEN_PAREN || token.is("select") || token.is("values")
                || token.is("table") || (token.kind() == SqlToken.Kind.WORD && DML.contains(token.text()));
    }

    /**
     * {@code EXPLAIN [(options)] statement} or {@code EXPLAIN [ANALYZE] [VERBOSE] statement}: needs what
     * the statement needs, since ANALYZE runs it.
     */
    private static Classified explain(List<SqlToken> tokens, int from) {
        int i = from + 1;
        if (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.OPEN_PAREN) {
            i = afterGroup(tokens, i);
        }
        while (wordAt(tokens, i, "analyze") || wordAt(tokens, i, "analyse") || wordAt(tokens, i, "verbose")) {
            i++;
        }
        Classified inner = kindOf(tokens, i);
        return new Classified(StatementKind.EXPLAIN, inner.kind());
    }

    /** {@code DECLARE name ... CURSOR [WITH|WITHOUT HOLD] FOR query}: a cursor that ends with the transaction. */
    private static Classified declare(List<SqlToken> tokens, int from) {
        for (int i = from + 1; i < tokens.size(); i++) {
            if (tokens.get(i).is("with") && wordAt(tokens, i + 1, "hold")) {
                throw new StatementRefusedException(Rule.SESSION_STATE,
                        "cursors WITH HOLD outlive the transaction and are not allowed");
            }
            if (tokens.get(i).is("for")) {
                Classified inner = kindOf(tokens, i + 1);
                return new Classified(StatementKind.CURSOR, inner.kind());
            }
        }
        throw new StatementRefusedException(Rule.SYNTAX, "DECLARE needs FOR and a query");
    }

    /** Only {@code SET LOCAL search_path}; {@code SET CONSTRAINTS} (transaction-local) is a writer's. */
    private static Classified set(List<SqlToken> tokens, int from) {
        int i = from + 1;
        boolean local = wordAt(tokens, i, "local");
        if (local || wordAt(tokens, i, "session")) {
            i++;
        }
        if (wordAt(tokens, i, "role") || wordAt(tokens, i, "session") && wordAt(tokens, i + 1, "authorization")
                || wordAt(tokens, i, "authorization")) {
            throw new StatementRefusedException(Rule.ROLE_CHANGE, "who a statement runs as is the platform's");
        }
        if (wordAt(tokens, i, "transaction") || wordAt(tokens, i, "characteristics")) {
            throw transactionControl();
        }
        if (!local && wordAt(tokens, i, "constraints") && i == from + 1) {
            return Classified.of(StatementKind.WRITE);
        }
        if (local && i < tokens.size() && tokens.get(i).isName() && tokens.get(i).text().equals("search_path")) {
            return Classified.of(StatementKind.SET_LOCAL_SEARCH_PATH);
        }
        throw new StatementRefusedException(Rule.PLATFORM_SETTING,
                "settings are the platform's; only SET LOCAL search_path is allowed");
    }

    /** CREATE, ALTER, DROP, COMMENT, GRANT, ... of the tenant's own objects, never of the platform's. */
    private static Classified ddl(List<SqlToken> tokens, int from) {
        String verb = tokens.get(from).text();
        switch (verb) {
            case "create", "alter", "drop" -> {
                int i = from + 1;
                while (i < tokens.size() && tokens.get(i).kind() == SqlToken.Kind.WORD
                        && OBJECT_MODIFIERS.contains(tokens.get(i).text())) {
                    i++;
                }
                refusePlatformObject(tokens, i);
            }
            case "comment" -> refusePlatformObject(tokens, wordAt(tokens, from + 1, "on") ? from + 2 : from + 1);
            case "grant", "revoke" -> grant(tokens, from);
            default -> {
                // refresh, reindex, cluster, analyze: act on the tenant's own objects.
            }
        }
        return Classified.of(StatementKind.DDL);
    }

    private static void refusePlatformObject(List<SqlToken> tokens, int at) {
        if (at < tokens.size() && tokens.get(at).kind() == SqlToken.Kind.WORD
                && PLATFORM_OBJECTS.contains(tokens.get(at).text())) {
            throw new StatementRefusedException(Rule.PLATFORM_OBJECT,
                    tokens.get(at).text().toUpperCase() + " objects are the platform's");
        }
    }

    /** Privileges on the tenant's objects only: no role membership, nothing on databases or the server. */
    private static void grant(List<SqlToken> tokens, int from) {
        int on = -1;
        int depth = 0;
        for (int i = from + 1; i < tokens.size(); i++) {
            depth += depthChange(tokens.get(i));
            if (depth == 0 && tokens.get(i).is("on")) {
                on = i;
                break;
            }
        }
        if (on < 0) {
            throw new StatementRefusedException(Rule.PLATFORM_OBJECT, "role membership is the platform's");
        }
        refusePlatformObject(tokens, on + 1);
    }

    /** Refuses calls of functions outside the gateway's reach. */
    private static void checkFunctions(List<SqlToken> tokens, boolean sharedRls) {
        for (int i = 0; i + 1 < tokens.size(); i++) {
            SqlToken token = tokens.get(i);
            if (token.isName() && tokens.get(i + 1).kind() == SqlToken.Kind.OPEN_PAREN) {
                String name = token.text();
                if (REFUSED_FUNCTIONS.contains(name) || sharedRls && REFUSED_IN_SHARED_FUNCTIONS.contains(name)) {
                    throw new StatementRefusedException(Rule.FUNCTION, name + "() may not be called");
                }
            }
        }
    }

    private static int afterGroup(List<SqlToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            depth += depthChange(tokens.get(i));
            if (depth == 0) {
                return i + 1;
            }
        }
        throw new StatementRefusedException(Rule.SYNTAX, "unbalanced parentheses");
    }

    private static int depthChange(SqlToken token) {
        return switch (token.kind()) {
            case OPEN_PAREN -> 1;
            case CLOSE_PAREN -> -1;
            default -> 0;
        };
    }

    private static boolean wordAt(List<SqlToken> tokens, int at, String word) {
        return at < tokens.size() && tokens.get(at).is(word);
    }

    /**
     * A statement's kind; for EXPLAIN and DECLARE also the kind of the statement they wrap.
     */
    record Classified(StatementKind kind, StatementKind inner) {
        static Classified of(StatementKind kind) {
            return new Classified(kind, null);
        }
    }
}
