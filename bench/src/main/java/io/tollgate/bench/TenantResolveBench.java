package io.tollgate.bench;

import io.grpc.ManagedChannel;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.testkit.suite.Suite;

/**
 * Resolving a tenant's route (issue 4): from the data services' tenant directory (a copy kept current
 * by WatchTenants) next to a ResolveTenant round trip to router-service, one thread.
 */
final class TenantResolveBench {
    private TenantResolveBench() {
    }

    static void run(Suite suite) throws Exception {
        Report.header("Tenant resolution: directory (client cache) vs gRPC round trip (issue 4)");
        ManagedChannel channel = SuiteClients.routerChannel(suite);
        try (TenantDirectory directory = new TenantDirectory(RouterServiceGrpc.newStub(channel))) {
            directory.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (directory.lookup("acme").outcome() != TenantDirectory.Lookup.Outcome.FOUND) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the directory did not sync");
                }
                Thread.sleep(20);
            }
            RouterServiceGrpc.RouterServiceBlockingStub router = RouterServiceGrpc.newBlockingStub(channel);
            ResolveTenantRequest request = ResolveTenantRequest.newBuilder().setTenantId("acme").build();

            Measure.Latencies rpc = Measure.latencies(i -> router.resolveTenant(request), 1, 2_000, 10_000);
            Measure.Latencies cached = Measure.latencies(i -> {
                if (directory.lookup("acme").tenant() == null) {
                    throw new IllegalStateException("lost acme");
                }
            }, 1, 100_000, 1_000_000);

            Report.row("ResolveTenant gRPC round trip, p50 (baseline)", rpc.percentileMillis(50) * 1000, "µs");
            Report.row("ResolveTenant gRPC round trip, p99", rpc.percentileMillis(99) * 1000, "µs");
            Report.row("directory lookup, p50", cached.percentileMillis(50) * 1000, "µs");
            Report.row("directory lookup, p99", cached.percentileMillis(99) * 1000, "µs");
            Report.ratio("round trip p50 / directory p50 (speed-up)", rpc.percentileMillis(50) / cached.percentileMillis(50));
        } finally {
            channel.shutdownNow();
        }
    }
}
