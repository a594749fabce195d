package io.tollgate.flight.tenant;

/** The caller's tenant cannot be served now. Messages are safe to show the caller. */
public final class TenantUnavailableException extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** The registry does not know the tenant. */
        UNKNOWN("unknown tenant"),
        /** The tenant is suspended or being deleted. */
        INACTIVE("tenant is not active"),
        /** The registry cannot be reached and no route is cached. */
        REGISTRY_UNREACHABLE("tenant routing is unavailable"),
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
