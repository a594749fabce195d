package io.tollgate.bench;

import io.envoyproxy.envoy.service.auth.v3.AttributeContext;
import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

/**
 * Envoy ext_authz Check at 64 concurrent callers (issue 3): a valid bearer token checked by
 * auth-service (verification, revocations, tenant status, header mapping), next to a standard gRPC
 * health check on the same port at the same concurrency (the transport's own cost).
 */
final class ExtAuthzBench {
    private static final int CALLERS = 64;

    private ExtAuthzBench() {
    }

    static void run(Suite suite) throws Exception {
        Report.header("Envoy ext_authz Check, " + CALLERS + " concurrent callers (issue 3)");
        String token = SuiteClients.login(suite, DemoTenant.all().get(0).accounts().get(0));
        ManagedChannel channel = SuiteClients.authChannel(suite, "envoy");
        try {
            AuthorizationGrpc.AuthorizationBlockingStub authz = AuthorizationGrpc.newBlockingStub(channel);
            HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);
            CheckRequest check = CheckRequest.newBuilder().setAttributes(AttributeContext.newBuilder()
                    .setRequest(AttributeContext.Request.newBuilder().setHttp(AttributeContext.HttpRequest.newBuilder()
                            .setMethod("POST").setPath("/v1/statement").setHost("trino")
                            .putHeaders("authorization", "Bearer " + token)
                            .putHeaders("x-trino-user", "someone-else")))).build();
            if (authz.check(check).getStatus().getCode() != 0) {
                throw new IllegalStateException("the benchmark's token was denied");
            }
            HealthCheckRequest ping = HealthCheckRequest.getDefaultInstance();
            Measure.Latencies baseline = Measure.latencies(i -> health.check(ping), CALLERS, 200, 1_000);
            Measure.Latencies checks = Measure.latencies(i -> {
                if (authz.check(check).getStatus().getCode() != 0) {
                    throw new IllegalStateException("denied");
                }
            }, CALLERS, 200, 1_000);

            Report.row("gRPC health Check p50 (baseline)", baseline.percentileMillis(50), "ms");
            Report.row("gRPC health Check p99 (baseline)", baseline.percentileMillis(99), "ms");
            Report.row("gRPC health Check throughput", baseline.opsPerSecond(), "calls/s");
            Report.row("ext_authz Check p50", checks.percentileMillis(50), "ms");
            Report.row("ext_authz Check p99", checks.percentileMillis(99), "ms");
            Report.row("ext_authz Check throughput", checks.opsPerSecond(), "checks/s");
            Report.ratio("ext_authz p50 / health p50", checks.percentileMillis(50) / baseline.percentileMillis(50));
            Report.ratio("ext_authz p99 / health p99", checks.percentileMillis(99) / baseline.percentileMillis(99));
        } finally {
            channel.shutdownNow();
        }
    }
}
