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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The directory's bookkeeping; its streaming against a real router-service is covered end to end. */
class TenantDirectoryTest {
    // Never connected: these tests feed events directly.
    private final ManagedChannel channel = InProcessChannelBuilder.forName("unused").build();
    private final TenantDirectory directory = new TenantDirectory(RouterServiceGrpc.newStub(channel));

    @AfterEach
    void close() {
        directory.close();
        channel.shutdownNow();
    }

    private static Tenant tenant(String id, TenantStatus status, long revision) {
        return Tenant.newBuilder().setId(id).setStatus(status).setRevision(revision).build();
    }

    @Test
    void beforeTheFirstSnapshotEveryLookupIsNotSynced() {
        assertEquals(TenantDirectory.Lookup.Outcome.NOT_SYNCED, directory.lookup("acme").outcome());
    }

    @Test
    void aSnapshotThenChangesKeepTheDirectoryCurrent() {
        directory.apply(WatchTenantsResponse.newBuilder().setRevision(5).setSnapshot(TenantSnapshot.newBuilder()
                .addTenants(tenant("acme", TenantStatus.TENANT_STATUS_ACTIVE, 3))
                .addTenants(tenant("globex", TenantStatus.TENANT_STATUS_ACTIVE, 5))).build());
        assertEquals(TenantDirectory.Lookup.Outcome.FOUND, directory.lookup("acme").outcome());
        assertEquals(TenantDirectory.Lookup.Outcome.UNKNOWN, directory.lookup("initech").outcome());

        directory.apply(WatchTenantsResponse.newBuilder().setRevision(6)
                .setUpserted(tenant("acme", TenantStatus.TENANT_STATUS_SUSPENDED, 6)).build());
        assertEquals(TenantStatus.TENANT_STATUS_SUSPENDED, directory.lookup("acme").tenant().getStatus());

        directory.apply(WatchTenantsResponse.newBuilder().setRevision(7).setDeletedTenantId("globex").build());
        assertEquals(TenantDirectory.Lookup.Outcome.UNKNOWN, directory.lookup("globex").outcome());
        assertEquals(7, directory.revision());
    }

    @Test
    void aNewSnapshotReplacesEverythingKnown() {
        directory.apply(WatchTenantsResponse.newBuilder().setRevision(1).setSnapshot(TenantSnapshot.newBuilder()
                .addTenants(tenant("acme", TenantStatus.TENANT_STATUS_ACTIVE, 1))).build());
        directory.apply(WatchTenantsResponse.newBuilder().setRevision(9).setSnapshot(TenantSnapshot.newBuilder()
                .addTenants(tenant("globex", TenantStatus.TENANT_STATUS_ACTIVE, 9))).build());
        assertEquals(TenantDirectory.Lookup.Outcome.UNKNOWN, directory.lookup("acme").outcome());
        assertTrue(directory.lookup("globex").found().isPresent());
    }
}
