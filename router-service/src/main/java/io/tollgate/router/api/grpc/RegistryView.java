package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.tollgate.common.grpc.server.CallingService;

/**
 * How much of a tenant a calling service is shown: each only what its work needs, so that a
 * compromised catalog or auth replica cannot read a single backend password.
 */
enum RegistryView {
    /** Everything, backend logins with their passwords: flight-service connects to the databases. */
    WITH_CREDENTIALS,
    /** Everything but the SQL backend (no JDBC URL, no logins, no passwords): catalog-service. */
    WITHOUT_CREDENTIALS,
    /** Id, name, status and revision: auth-service admits logins by tenant status. */
    STATUS_ONLY;

    /** The view of the current call's caller; PERMISSION_DENIED for a caller without one. */
    static RegistryView ofCurrentCaller() {
        return CallingService.current().map(RegistryView::of).orElseThrow(() ->
                Status.PERMISSION_DENIED.withDescription("this caller may not read the registry").asRuntimeException());
    }

    /** The view of a calling service; PERMISSION_DENIED for any service not named here. */
    static RegistryView of(String caller) {
        return switch (caller) {
            case RouterCallers.FLIGHT, CallingService.DEVELOPMENT -> WITH_CREDENTIALS;
            case RouterCallers.CATALOG -> WITHOUT_CREDENTIALS;
            case RouterCallers.AUTH -> STATUS_ONLY;
            default -> throw Status.PERMISSION_DENIED.withDescription("this caller may not read the registry")
                    .asRuntimeException();
        };
    }
}
