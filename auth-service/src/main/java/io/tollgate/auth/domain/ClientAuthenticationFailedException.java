package io.tollgate.auth.domain;

/**
 * A service client's authentication was refused. Unknown client, wrong secret, disabled client
 * and refused tenant all carry this one message; the cause goes to the audit log only.
 */
public final class ClientAuthenticationFailedException extends Exception {
    public static final String MESSAGE = "client authentication failed";

    public ClientAuthenticationFailedException() {
        super(MESSAGE, null, false, false);
    }
}
