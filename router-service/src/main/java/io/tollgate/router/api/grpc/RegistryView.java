package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.tollgate.common.grpc.GrpcCalls;
import io.tollgate.common.grpc.server.CallingService;

/**
 * How much of a tenant a calling service is shown: each only what its work needs, so that a
 * compromised replica of one service cannot read another's secrets. flight-service logs in to the
 * tenants' databases and never touches object storage; catalog-service reaches the warehouses'
 * storage and never a database; connect-service reaches the tenants' Spark Connect backends with
 * their backend tokens and touches neither; auth-service only admits logins by tenant status.
 */
enum RegistryView {
    /** flight-service: the SQL backend with its logins' passwords; warehouses without storage keys. */
    SQL_SERVING(true, false, false),
    /** catalog-service: no SQL backend (no JDBC URL, logins or passwords); warehouses with storage keys. */
    CATALOG_SERVING(false, true, false),
    /** connect-service: no SQL backend; warehouses without storage keys; Spark Connect backend tokens. */
    SPARK_SERVING(false, false, true),
    /** A development caller (no internal TLS): everything. */
    EVERYTHING(true, true, true),
    /** auth-service: id, name, status and revision. */
    STATUS_ONLY(false, false, false);

    private static final Status NOT_A_READER =
            Status.PERMISSION_DENIED.withDescription("this caller may not read the registry");

    private final boolean sqlBackend;
    private final boolean storageKeys;
    private final boolean backendTokens;

    RegistryView(boolean sqlBackend, boolean storageKeys, boolean backendTokens) {
        this.sqlBackend = sqlBackend;
        this.storageKeys = storageKeys;
        this.backendTokens = backendTokens;
    }

    /** Whether the SQL backend, with its passwords, is shown. */
    boolean showsSqlBackend() {
        return sqlBackend;
    }

    /** Whether the warehouses' storage keys are shown (resolved from their references). */
    boolean showsStorageKeys() {
        return storageKeys;
    }

    /** Whether Spark Connect upstreams' backend tokens are shown (resolved from their references). */
    boolean showsBackendTokens() {
        return backendTokens;
    }

    /** Whether anything beyond id, name, status and revision is shown. */
    boolean showsDetails() {
        return this != STATUS_ONLY;
    }

    /** The view of the service making the current call; a {@link GrpcCalls.Refusal} for any other. */
    static RegistryView ofCurrentCaller() {
        return CallingService.current().map(RegistryView::of).orElseThrow(() -> GrpcCalls.refuse(NOT_A_READER));
    }

    /** The view of a calling service; PERMISSION_DENIED for any service not named here. */
    static RegistryView of(String caller) {
        return switch (caller) {
            case RouterCallers.FLIGHT -> SQL_SERVING;
            case RouterCallers.CATALOG -> CATALOG_SERVING;
            case RouterCallers.CONNECT -> SPARK_SERVING;
            case CallingService.DEVELOPMENT -> EVERYTHING;
            case RouterCallers.AUTH -> STATUS_ONLY;
            default -> throw GrpcCalls.refuse(NOT_A_READER);
        };
    }
}
