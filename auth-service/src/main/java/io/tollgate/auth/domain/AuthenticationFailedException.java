package io.tollgate.auth.domain;

/**
 * A login was refused. Every cause (malformed or unknown name, unknown tenant, disabled account,
 * wrong password) carries the same message, so that a caller cannot learn which part was wrong;
 * the cause is recorded only in the audit log.
 */
public final class AuthenticationFailedException extends Exception {
    public static final String MESSAGE = "invalid credentials";

    public AuthenticationFailedException() {
        super(MESSAGE, null, false, false);
    }
}
