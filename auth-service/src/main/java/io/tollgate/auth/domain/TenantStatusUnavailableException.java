package io.tollgate.auth.domain;

/**
 * Whether a tenant may log in could not be learned (router-service unreachable or failing). The
 * login is refused, but as a temporary condition rather than as bad credentials.
 */
public final class TenantStatusUnavailableException extends Exception {
    public static final String MESSAGE = "tenant registry unavailable; retry later";

    public TenantStatusUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
