package io.tollgate.auth.service.oauth;

/** The OAuth2 error codes the endpoints answer with (RFC 6749 §5.2, RFC 7009 §2.2.1). */
public enum OAuthError {
    INVALID_REQUEST("invalid_request"),
    INVALID_CLIENT("invalid_client"),
    INVALID_GRANT("invalid_grant"),
    UNAUTHORIZED_CLIENT("unauthorized_client"),
    UNSUPPORTED_GRANT_TYPE("unsupported_grant_type"),
    INVALID_SCOPE("invalid_scope"),
    UNSUPPORTED_TOKEN_TYPE("unsupported_token_type");

    private final String code;

    OAuthError(String code) {
        this.code = code;
    }

    /** The value of the {@code error} member. */
    public String code() {
        return code;
    }
}
