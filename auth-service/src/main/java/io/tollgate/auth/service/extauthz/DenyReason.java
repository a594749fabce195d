package io.tollgate.auth.service.extauthz;

/** Why ext_authz refused a request: for the audit trail; the client sees only the status. */
public enum DenyReason {
    /** No bearer token (no Authorization header, or another scheme). */
    MISSING_TOKEN(401),
    /** The token failed verification: malformed, bad signature, claims, expired, unknown issuer. */
    INVALID_TOKEN(401),
    /** The token is valid but revoked (by jti, subject or tenant). */
    REVOKED(401),
    /** The keys to verify it could not be had (an external issuer's JWKS is unreachable). */
    KEYS_UNAVAILABLE(503),
    /** The tenant is unknown, suspended or being deleted. */
    TENANT_REFUSED(403),
    /** router-service could not say whether the tenant may be served. */
    TENANT_STATUS_UNAVAILABLE(503),
    /** The route is pinned to another tenant (context extension {@code tenant}). */
    WRONG_TENANT(403),
    /** None of the required roles. */
    MISSING_ROLE(403),
    /** A required scope is missing. */
    MISSING_SCOPE(403),
    /** A claim cannot be sent as a header value (control characters, too long). */
    UNSAFE_HEADER_VALUE(403);

    private final int httpStatus;

    DenyReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status Envoy answers the client with. */
    public int httpStatus() {
        return httpStatus;
    }
}
