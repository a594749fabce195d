package io.tollgate.connect.session;

/**
 * A call's token expired or was revoked after its headers were accepted and before its first
 * request: answered as any invalid token is, with no word on which.
 */
public final class CredentialsNoLongerValidException extends Exception {
    public CredentialsNoLongerValidException() {
        super("invalid credentials", null, false, false); // expected on parked calls: no stack
    }
}
