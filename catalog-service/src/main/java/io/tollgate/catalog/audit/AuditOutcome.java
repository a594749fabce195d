package io.tollgate.catalog.audit;

/** How a mutation ended. */
public enum AuditOutcome {
    /** It was done. */
    OK,
    /** The catalog's policy refused it: role, scope, storage confinement, tenant, warehouse. */
    REFUSED,
    /** It was tried and did not happen: a conflict, a missing object, a malformed request, a failure. */
    FAILED;

    public String wireName() {
        return name().toLowerCase();
    }
}
