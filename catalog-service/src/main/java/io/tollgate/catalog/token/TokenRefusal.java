package io.tollgate.catalog.token;

/** Why a token request is refused, by its OAuth2 error code (RFC 6749 §5.2, RFC 8628 for slow_down). */
public enum TokenRefusal {
    INVALID_REQUEST("invalid_request"),
    INVALID_CLIENT("invalid_client"),
    INVALID_SCOPE("invalid_scope"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    /** Too many attempts for the id or the address: auth-service's login rate limits. */
    SLOW_DOWN("slow_down"),
    /** auth-service, or the tenant registry behind it, cannot be reached: logins fail closed. */
    TEMPORARILY_UNAVAILABLE("temporarily_unavailable");

    private final String code;

    TokenRefusal(String code) {
        this.code = code;
    }

    /** The value of the OAuth2 {@code error} member. */
    public String code() {
        return code;
    }
}
