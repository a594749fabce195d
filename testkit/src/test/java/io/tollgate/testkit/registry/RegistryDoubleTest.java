package io.tollgate.testkit.registry;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The double keeps router-service's WatchTenants contract, as a data service's directory reads it. */
class RegistryDoubleTest {
    private final RegistryDouble registry = RegistryDouble.withActiveTenants("acme", "globex");
    private final List<ManagedChannel> channels = new ArrayList<>();

    @AfterEach
    void close() throws InterruptedException {
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        registry.close();
    }

    @Test
    void aWatcherGetsASnapshotThenEachChangeAtStrictlyIncreasingRevisions() {
        Iterator<WatchTenantsResponse> stream = watch("flight-service");

        WatchTenantsResponse snapshot = stream.next();
        assertEquals(2, snapshot.getRevision());
        assertEquals(List.of("acme:1", "globex:2"),
                snapshot.getSnapshot().getTenantsList().stream().map(t -> t.getId() + ":" + t.getRevision()).toList());

        assertEquals(3, registry.setStatus("globex", TenantStatus.TENANT_STATUS_SUSPENDED));
        WatchTenantsResponse suspended = stream.next();
        assertEquals(3, suspended.getRevision());
        assertEquals(TenantStatus.TENANT_STATUS_SUSPENDED, suspended.getUpserted().getStatus());
        assertEquals(3, suspended.getUpserted().getRevision());

        registry.upsert(Tenant.newBuilder().setId("initech").setRevision(1).build());
        WatchTenantsResponse added = stream.next();
        assertEquals(4, added.getRevision());
        assertEquals(4, added.getUpserted().getRevision(), "the registry's revision, not the one the test wrote");
    }

    @Test
    void aWatcherThatJoinsLaterIsSentTheRegistryAsItIsNow() {
        registry.setStatus("acme", TenantStatus.TENANT_STATUS_DELETING);

        WatchTenantsResponse snapshot = watch("catalog-service").next();

        assertEquals(3, snapshot.getRevision());
        Tenant acme = snapshot.getSnapshot().getTenants(0);
        assertEquals(TenantStatus.TENANT_STATUS_DELETING, acme.getStatus());
        assertEquals(3, acme.getRevision());
    }

    @Test
    void aChangeReturnsOnlyOnceAFollowingDirectoryHasAppliedIt() {
        ManagedChannel channel = opened(InternalCertificates.shared().channel(registry.port(), "auth-service",
                "router-service"));
        try (TenantDirectory directory = new TenantDirectory(RouterServiceGrpc.newStub(channel))) {
            directory.start();
            registry.follow(directory);

            registry.setStatus("acme", TenantStatus.TENANT_STATUS_SUSPENDED);

            assertEquals(TenantStatus.TENANT_STATUS_SUSPENDED, directory.lookup("acme").tenant().getStatus());
        }
    }

    @Test
    void aCallerWithoutACertificateIsRefusedAsRouterServiceRefusesIt() {
        ManagedChannel anonymous = opened(InternalCertificates.shared().channelWithoutCertificate(registry.port(),
                "router-service"));

        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                RouterServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .watchTenants(WatchTenantsRequest.getDefaultInstance()).next());

        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), refused::toString);
    }

    private Iterator<WatchTenantsResponse> watch(String caller) {
        ManagedChannel channel = opened(InternalCertificates.shared().channel(registry.port(), caller, "router-service"));
        return RouterServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                .watchTenants(WatchTenantsRequest.getDefaultInstance());
    }

    private ManagedChannel opened(ManagedChannel channel) {
        channels.add(channel);
        return channel;
    }
}
