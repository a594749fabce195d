package io.tollgate.common.auth;

/**
 * A token was refused. The message is safe to show a client: it never says more than that the
 * token is not acceptable. The {@link #reason()} is for logs.
 */
public final class InvalidTokenException extends Exception {

    /** Why a token was refused, for logs and metrics; never sent to a client. */
    public enum Reason { MALFORMED, OVERSIZED, BAD_SIGNATURE, BAD_CLAIMS, EXPIRED, REVOKED, KEYS_UNAVAILABLE }

    private final Reason reason;

    public InvalidTokenException(Reason reason) {
        super("invalid or expired token");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
