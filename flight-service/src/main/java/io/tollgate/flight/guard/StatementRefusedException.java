package io.tollgate.flight.guard;

/**
 * A statement the gateway will not send to PostgreSQL. Its message names the rule and is safe to
 * show the caller (it says nothing of other tenants or of the backend): Flight SQL answers
 * INVALID_ARGUMENT with it.
 */
public final class StatementRefusedException extends RuntimeException {

    /** The rules, each with the name clients see and what it means. */
    public enum Rule {
        /** The text cannot be read as SQL. */
        SYNTAX("syntax"),
        /** More than one statement in one call. */
        ONE_STATEMENT("one-statement"),
        /** BEGIN, COMMIT, ROLLBACK, SAVEPOINT, PREPARE TRANSACTION, ...: the gateway owns the transaction. */
        TRANSACTION_CONTROL("transaction-control"),
        /** PREPARE, EXECUTE, DEALLOCATE, DISCARD, LISTEN, cursors WITH HOLD: state that would outlive the call. */
        SESSION_STATE("session-state"),
        /** SET, RESET, set_config: settings are the platform's (but SET LOCAL search_path). */
        PLATFORM_SETTING("platform-setting"),
        /** SET ROLE, SET SESSION AUTHORIZATION: who the statement runs as is the platform's. */
        ROLE_CHANGE("role-change"),
        /** The caller's access class may not run this kind of statement. */
        ACCESS_CLASS("access-class"),
        /** Not in a shared (row-level security) database: locks, TRUNCATE, DDL, code, EXPLAIN. */
        SHARED_DATABASE("shared-database"),
        /** Roles, databases, extensions, languages, servers and the like are the platform's. */
        PLATFORM_OBJECT("platform-object"),
        /** A function the gateway does not let tenant SQL call. */
        FUNCTION("function"),
        /** A statement type outside every allow-list. */
        NOT_ALLOWED("not-allowed");

        private final String wireName;

        Rule(String wireName) {
            this.wireName = wireName;
        }

        /** The name clients see. */
        public String wireName() {
            return wireName;
        }
    }

    private final Rule rule;

    public StatementRefusedException(Rule rule, String detail) {
        super("statement refused [" + rule.wireName() + "]: " + detail);
        this.rule = rule;
    }

    public Rule rule() {
        return rule;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        // Refusals are answers, not failures: no stack to fill (tenant SQL can make many of them).
        return this;
    }
}
