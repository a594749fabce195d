package io.tollgate.auth.domain;

/**
 * A refresh token was refused: unknown, consumed (a reuse), expired, of a revoked family, or of an
 * account or tenant that may no longer log in. One message for all; the audit log says which.
 */
public final class InvalidRefreshTokenException extends Exception {
    public static final String MESSAGE = "invalid refresh token";

    public InvalidRefreshTokenException() {
        super(MESSAGE, null, false, false);
    }
}
