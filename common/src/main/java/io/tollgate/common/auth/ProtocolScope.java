package io.tollgate.common.auth;

import java.util.Collection;

/**
 * The scope a data service requires of every token, one per protocol: a token issued for the
 * catalog does not run SQL, and the reverse. Each service checks it once per call, after the token
 * was verified, and refuses with {@link #refusal()}: a permission failure (PERMISSION_DENIED, 403),
 * not an authentication one, since the token itself was valid.
 */
public enum ProtocolScope {
    /** Arrow Flight SQL (flight-service). */
    SQL("sql"),
    /** The Iceberg REST catalog (catalog-service). */
    CATALOG("catalog"),
    /** Spark Connect (connect-service). */
    SPARK("spark");

    private final String scope;

    ProtocolScope(String scope) {
        this.scope = scope;
    }

    /** The scope as tokens carry it. */
    public String scope() {
        return scope;
    }

    /** Whether these granted scopes include this protocol's. */
    public boolean isGrantedIn(Collection<?> grantedScopes) {
        return grantedScopes != null && grantedScopes.contains(scope);
    }

    /** The refusal's message, safe to show the client: {@code token lacks scope 'sql'}. */
    public String refusal() {
        return "token lacks scope '" + scope + "'";
    }
}
