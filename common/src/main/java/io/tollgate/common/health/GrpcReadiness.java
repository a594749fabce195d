package io.tollgate.common.health;

import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.protobuf.services.HealthStatusManager;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The standard gRPC health service ({@code grpc.health.v1.Health}) of a public gRPC endpoint
 * (Flight SQL, Spark Connect), for Kubernetes' native gRPC probes: NOT_SERVING until
 * {@link ControlPlaneSync} is ready, as the HTTP readiness check, then SERVING; NOT_SERVING again
 * for good once the endpoint stops.
 */
public final class GrpcReadiness implements AutoCloseable {
    private final HealthStatusManager health = new HealthStatusManager();
    private final ScheduledExecutorService watch;

    /** @param threadName the name of the thread that watches for readiness */
    public GrpcReadiness(ControlPlaneSync sync, String threadName) {
        watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
        health.setStatus("", HealthCheckResponse.ServingStatus.NOT_SERVING);
        watch.scheduleWithFixedDelay(() -> {
            if (sync.ready()) {
                health.setStatus("", HealthCheckResponse.ServingStatus.SERVING);
                watch.shutdown();
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
    }

    /** The health service, to add to the endpoint's server. */
    public BindableService service() {
        return health.getHealthService();
    }

    @Override
    public void close() {
        watch.shutdownNow();
        health.enterTerminalState();
    }
}
