package io.tollgate.common.grpc.server;

import io.tollgate.proto.router.v1.RouterServiceGrpc;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table admits exactly the named callers of each named method, and nobody to anything else. */
class AllowedCallersTest {
    private static final String RESOLVE = RouterServiceGrpc.getResolveTenantMethod().getFullMethodName();
    private static final String REASSERT = RouterServiceGrpc.getReassertBackendLoginMethod().getFullMethodName();
    private final AllowedCallers table = AllowedCallers.builder()
            .allow(RouterServiceGrpc.getResolveTenantMethod(), "flight-service", "catalog-service")
            .allow(RouterServiceGrpc.getReassertBackendLoginMethod(), "flight-service")
            .allowService(AllowedCallers.HEALTH_SERVICE, "flight-service")
            .build();

    @Test
    void aNamedCallerMayCallItsMethods() {
        assertTrue(table.permits("catalog-service", RESOLVE));
        assertTrue(table.permits("flight-service", REASSERT));
        assertTrue(table.permits("flight-service", "grpc.health.v1.Health/Check"));
    }

    @Test
    void aKnownCallerMayNotCallAMethodThatDoesNotNameIt() {
        assertFalse(table.permits("catalog-service", REASSERT));
        assertFalse(table.permits("catalog-service", "grpc.health.v1.Health/Check"));
    }

    @Test
    void aMethodTheTableDoesNotNameIsClosedToEveryone() {
        assertFalse(table.permits("flight-service", RouterServiceGrpc.getWatchTenantsMethod().getFullMethodName()));
        assertFalse(table.permits("flight-service", "tollgate.router.v1.RouterService/ResolveTenantX"));
        assertFalse(table.permits("flight-service", "not a method"));
    }

    @Test
    void anUnknownOrEmptyCallerIsRefused() {
        assertFalse(table.permits("reporting-service", RESOLVE));
        assertFalse(table.permits("", RESOLVE));
        assertFalse(table.permits("FLIGHT-SERVICE", RESOLVE));
    }
}
