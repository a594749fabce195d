package io.tollgate.common.tenant;

/**
 * The caller's tenant may not be served now. Its message is safe to show the caller and is the
 * same for an unknown tenant and a suspended one. Each service maps the two reasons to its wire
 * the same way: {@link Reason#NOT_AVAILABLE} as "permission denied" (gRPC PERMISSION_DENIED, HTTP
 * 403, OAuth invalid_grant at login), {@link Reason#NOT_READY} as "unavailable, retry" (gRPC
 * UNAVAILABLE, HTTP 503).
 */
public final class TenantRefusedException extends RuntimeException {

    /** Why, as far as the caller may know. */
    public enum Reason {
        /** Unknown, suspended or being deleted: the caller cannot tell which. */
        NOT_AVAILABLE("tenant is not available"),
        /** The service has not received the tenant registry yet. */
        NOT_READY("tenant registry is not ready; retry later");

        private final String message;

        Reason(String message) {
            this.message = message;
        }
    }

    private final Reason reason;

    public TenantRefusedException(Reason reason) {
        super(reason.message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
