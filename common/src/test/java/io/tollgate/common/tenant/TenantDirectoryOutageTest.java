package io.tollgate.common.tenant;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantSnapshot;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The directory over a real gRPC stream (an in-process server speaking router-service's contract):
 * it keeps serving what it knows while the registry is gone, and resumes from its last revision
 * when the registry is back.
 */
class TenantDirectoryOutageTest {
    private static final String NAME = "router-" + System.nanoTime();

    /** Serves a snapshot at revision 1, or, to a client resuming, one change at revision 2. */
    static final class Registry extends RouterServiceGrpc.RouterServiceImplBase {
        final List<Long> resumedFrom = new CopyOnWriteArrayList<>();

        @Override
        public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> out) {
            resumedFrom.add(request.getAfterRevision());
            if (request.getAfterRevision() == 0) {
                out.onNext(WatchTenantsResponse.newBuilder().setRevision(1).setSnapshot(TenantSnapshot.newBuilder()
                        .addTenants(Tenant.newBuilder().setId("acme").setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                                .setRevision(1))).build());
            } else {
                out.onNext(WatchTenantsResponse.newBuilder().setRevision(2).setUpserted(Tenant.newBuilder()
                        .setId("acme").setStatus(TenantStatus.TENANT_STATUS_SUSPENDED).setRevision(2)).build());
            }
            // The stream stays open, as router-service's does.
        }
    }

    @Test
    void theDirectoryServesWhatItKnowsWhileTheRegistryIsDownAndResumesAfter() throws Exception {
        Registry registry = new Registry();
        Server server = InProcessServerBuilder.forName(NAME).addService(registry).build().start();
        ManagedChannel channel = InProcessChannelBuilder.forName(NAME).build();
        try (TenantDirectory directory = new TenantDirectory(RouterServiceGrpc.newStub(channel))) {
            directory.start();
            await(() -> directory.lookup("acme").outcome() == TenantDirectory.Lookup.Outcome.FOUND);

            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            Thread.sleep(300);
            assertEquals(TenantDirectory.Lookup.Outcome.FOUND, directory.lookup("acme").outcome(),
                    "the last known route is still served while the registry is down");
            assertEquals(TenantDirectory.Lookup.Outcome.UNKNOWN, directory.lookup("globex").outcome(),
                    "a tenant never known stays unknown");

            server = InProcessServerBuilder.forName(NAME).addService(registry).build().start();
            await(() -> directory.lookup("acme").tenant().getStatus() == TenantStatus.TENANT_STATUS_SUSPENDED);
            assertEquals(1L, registry.resumedFrom.get(registry.resumedFrom.size() - 1),
                    "the reconnect resumed from the last revision instead of asking for a snapshot");
        } finally {
            channel.shutdownNow();
            server.shutdownNow();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached in time");
            Thread.sleep(20);
        }
    }
}
