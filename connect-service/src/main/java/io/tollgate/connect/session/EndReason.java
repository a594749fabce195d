package io.tollgate.connect.session;

/** Why the gateway ends an open call on its own. */
public enum EndReason {
    /** The token, its subject or its tenant was revoked (or the account suspended). */
    CREDENTIALS_REVOKED,
    /** The tenant is no longer served (suspended, deleted). */
    TENANT_NOT_AVAILABLE,
    /** The call sent no request within {@code first-request-timeout}: a parked call holds resources for nothing. */
    NO_REQUEST_IN_TIME
}
