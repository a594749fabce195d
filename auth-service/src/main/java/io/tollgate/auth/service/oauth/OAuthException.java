package io.tollgate.auth.service.oauth;

/**
 * A request refused with an OAuth2 error. The description is safe to show the caller: it never
 * says which part of a credential was wrong.
 */
public final class OAuthException extends Exception {
    private final OAuthError error;

    public OAuthException(OAuthError error, String description) {
        super(description, null, false, false);
        this.error = error;
    }

    public OAuthError error() {
        return error;
    }

    public String description() {
        return getMessage();
    }
}
