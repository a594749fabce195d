package io.tollgate.common.tenant;

import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The one policy: only an active tenant passes; unknown and not active look the same from outside. */
class TenantGateTest {
    private final ManagedChannel channel = InProcessChannelBuilder.forName("unused").build();
    private final TenantDirectory directory = new TenantDirectory(RouterServiceGrpc.newStub(channel));
    private final TenantGate gate = new TenantGate(directory);

    @AfterEach
    void close() {
        directory.close();
        channel.shutdownNow();
    }

    private void snapshot(Tenant... tenants) {
        directory.apply(WatchTenantsResponse.newBuilder().setRevision(1)
                .setSnapshot(TenantSnapshot.newBuilder().addAllTenants(java.util.List.of(tenants))).build());
    }

    private static Tenant tenant(String id, TenantStatus status) {
        return Tenant.newBuilder().setId(id).setStatus(status).build();
    }

    @Test
    void beforeTheFirstSnapshotEveryTenantIsRefusedAsRetryable() {
        assertEquals(TenantStanding.DIRECTORY_NOT_READY, gate.standing("acme"));
        assertEquals(TenantRefusedException.Reason.NOT_READY,
                assertThrows(TenantRefusedException.class, () -> gate.admit("acme")).reason());
    }

    @Test
    void anActiveTenantIsAdmittedWithItsEntry() {
        snapshot(tenant("acme", TenantStatus.TENANT_STATUS_ACTIVE));
        assertEquals(TenantStanding.ACTIVE, gate.standing("acme"));
        assertEquals("acme", gate.admit("acme").getId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TENANT_STATUS_SUSPENDED", "TENANT_STATUS_DELETING", "TENANT_STATUS_UNSPECIFIED"})
    void aTenantThatIsNotActiveIsRefusedExactlyLikeAnUnknownOne(String status) {
        snapshot(tenant("acme", TenantStatus.valueOf(status)));

        TenantRefusedException notActive = assertThrows(TenantRefusedException.class, () -> gate.admit("acme"));
        TenantRefusedException unknown = assertThrows(TenantRefusedException.class, () -> gate.admit("initech"));

        assertEquals(TenantStanding.SUSPENDED, gate.standing("acme"));
        assertEquals(TenantStanding.UNKNOWN, gate.standing("initech"));
        assertEquals(unknown.reason(), notActive.reason());
        assertEquals(unknown.getMessage(), notActive.getMessage());
    }

    @Test
    void thePlatformTenantIsNeverADataTenantEvenIfARegistryHeldIt() {
        snapshot(tenant(PlatformTenant.ID, TenantStatus.TENANT_STATUS_ACTIVE));
        assertEquals(TenantStanding.UNKNOWN, gate.standing(PlatformTenant.ID));
        assertThrows(TenantRefusedException.class, () -> gate.admit(PlatformTenant.ID));
    }

    @Test
    void aRefusalCarriesNoStackForTheWire() {
        assertEquals(0, new TenantRefusedException(TenantRefusedException.Reason.NOT_AVAILABLE).getStackTrace().length);
    }
}
