package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.tollgate.common.grpc.GrpcCalls;
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

    private static final Status NOT_A_READER =
            Status.PERMISSION_DENIED.withDescription("this caller may not read the registry");

    /** The view of the service making the current call; a {@link GrpcCalls.Refusal} for any other. */
    static RegistryView ofCurrentCaller() {
        return CallingService.current().map(RegistryView::of).orElseThrow(() -> GrpcCalls.refuse(NOT_A_READER));
    }

    /** The view of a calling service; PERMISSION_DENIED for any service not named here. */
    static RegistryView of(String caller) {
        return switch (caller) {
            case RouterCallers.FLIGHT, CallingService.DEVELOPMENT -> WITH_CREDENTIALS;
            case RouterCallers.CATALOG -> WITHOUT_CREDENTIALS;
            case RouterCallers.AUTH -> STATUS_ONLY;
            default -> throw GrpcCalls.refuse(NOT_A_READER);
        };
    }
}
