package io.tollgate.router.domain;

/** How a tenant's rows are kept apart from other tenants' rows. */
public enum IsolationMode {
    /** A database of its own. */
    DEDICATED,
    /** A shared database whose tables are filtered by row-level security. */
    SHARED_RLS
}
