package io.tollgate.flight.tenant;

/**
 * The caller's tenant, admitted by common's tenant gate, still cannot be served: its database is
 * unreachable or its route cannot be applied. (Whether the tenant may be served at all is common's
 * {@link io.tollgate.common.tenant.TenantRefusedException}.) Messages are safe to show the caller.
 */
public final class TenantUnavailableException extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** The tenant's backend cannot be reached. */
        BACKEND_UNREACHABLE("tenant database is unavailable"),
        /** The route cannot be applied safely (e.g. a context variable without a value). */
        MISCONFIGURED("tenant route cannot be applied");

        private final String message;

        Kind(String message) {
            this.message = message;
        }
    }

    private final Kind kind;

    public TenantUnavailableException(Kind kind) {
        super(kind.message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
