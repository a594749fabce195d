package io.tollgate.catalog.tenant;

/** The caller's tenant may not be served now. The message is safe to show the caller. */
public final class TenantRefusedException extends RuntimeException {

    /** Why. */
    public enum Reason { NOT_ACTIVE, REGISTRY_UNAVAILABLE }

    private final Reason reason;

    public TenantRefusedException(Reason reason) {
        super(reason == Reason.NOT_ACTIVE ? "tenant is not active" : "tenant registry unavailable");
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
