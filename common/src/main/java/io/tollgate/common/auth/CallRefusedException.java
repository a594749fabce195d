package io.tollgate.common.auth;

/**
 * A call's credentials were not accepted, or could not be checked. The message is safe to show the
 * client and the same for every credential that failed (no telling whether a user exists); each
 * front door maps the {@link #reason()} to its own wire (gRPC or Flight status, HTTP status).
 */
public final class CallRefusedException extends Exception {

    /** Why, in terms each front door maps to a status. */
    public enum Reason {
        /** Missing, malformed, wrong, expired or revoked credentials: UNAUTHENTICATED / 401. */
        INVALID_CREDENTIALS,
        /** A valid token not issued for this protocol: PERMISSION_DENIED / 403. */
        SCOPE_NOT_GRANTED,
        /** auth-service refused more login attempts for now: RESOURCE_EXHAUSTED / 429. */
        TOO_MANY_ATTEMPTS,
        /** The credentials could not be checked (keys or auth-service unreachable): UNAVAILABLE / 503. */
        UNAVAILABLE
    }

    /** The one message of every refused credential. */
    public static final String INVALID_CREDENTIALS = "invalid credentials";

    private final Reason reason;

    CallRefusedException(Reason reason, String message) {
        super(message, null, false, false); // expected on every bad login: no stack
        this.reason = reason;
    }

    static CallRefusedException invalidCredentials() {
        return new CallRefusedException(Reason.INVALID_CREDENTIALS, INVALID_CREDENTIALS);
    }

    public Reason reason() {
        return reason;
    }
}
