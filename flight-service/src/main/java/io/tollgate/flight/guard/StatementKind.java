package io.tollgate.flight.guard;

import io.tollgate.common.auth.AccessClass;

/**
 * What a statement does, as far as the allow-lists care: the least access class that may run it,
 * and whether it may run in a shared (row-level security) database at all.
 */
public enum StatementKind {
    /** SELECT, VALUES, TABLE, WITH ... SELECT. */
    QUERY(AccessClass.READER, true),
    /** SHOW a setting. */
    SHOW(AccessClass.READER, true),
    /** SET LOCAL search_path: ends with the transaction. */
    SET_LOCAL_SEARCH_PATH(AccessClass.READER, true),
    /** DECLARE (without HOLD), FETCH, MOVE, CLOSE: cursors that end with the transaction. */
    CURSOR(AccessClass.READER, true),
    /** EXPLAIN: in a shared database its estimates describe other tenants' rows. */
    EXPLAIN(AccessClass.READER, false),
    /** INSERT, UPDATE, DELETE, MERGE (also in WITH), SET CONSTRAINTS. */
    WRITE(AccessClass.WRITER, true),
    /** A query with FOR UPDATE / FOR SHARE: locks the rows it reads (only the tenant's own, under RLS). */
    ROW_LOCK(AccessClass.WRITER, true),
    /** CALL a procedure (what it may call is up to the login's EXECUTE privileges). */
    CALL(AccessClass.WRITER, true),
    /** LOCK TABLE: in a shared database it would stall every other tenant on the table. */
    TABLE_LOCK(AccessClass.WRITER, false),
    /** TRUNCATE: ignores row-level security, so never in a shared database. */
    TRUNCATE(AccessClass.ADMIN, false),
    /** CREATE, ALTER, DROP, COMMENT, GRANT, REVOKE, SELECT INTO, ... of the tenant's own objects. */
    DDL(AccessClass.ADMIN, false),
    /** DO: code the gateway cannot see into. */
    CODE(AccessClass.ADMIN, false);

    private final AccessClass least;
    private final boolean allowedWhenShared;

    StatementKind(AccessClass least, boolean allowedWhenShared) {
        this.least = least;
        this.allowedWhenShared = allowedWhenShared;
    }

    /** The least access class that may run it. */
    public AccessClass least() {
        return least;
    }

    /** Whether it may run in a shared database. */
    public boolean allowedWhenShared() {
        return allowedWhenShared;
    }
}
