package io.tollgate.common.auth;

/** Names of the private claims Tollgate's access tokens carry, besides the registered ones. */
public final class TokenClaims {
    /** The tenant id. */
    public static final String TENANT = "tid";
    /** The roles, a JSON array of wire names. */
    public static final String ROLES = "roles";
    /** The scopes, space-separated as in OAuth2. */
    public static final String SCOPE = "scope";

    private TokenClaims() {
    }
}
