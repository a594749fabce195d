package io.tollgate.auth.domain;

/** The requested scopes are malformed, or none of them can be granted. */
public final class InvalidScopeException extends Exception {

    public InvalidScopeException(String message) {
        super(message, null, false, false);
    }
}
