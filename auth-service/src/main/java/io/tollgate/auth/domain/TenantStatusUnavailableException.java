package io.tollgate.auth.domain;

/**
 * Whether a tenant may log in cannot be learned yet: auth-service has not received the tenant
 * registry from router-service since it started. The login is refused, but as a temporary
 * condition rather than as bad credentials.
 */
public final class TenantStatusUnavailableException extends Exception {
    public static final String MESSAGE = "tenant registry unavailable; retry later";

    public TenantStatusUnavailableException() {
        super(MESSAGE, null, false, false);
    }
}
