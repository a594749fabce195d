package io.tollgate.common.lifecycle;

import io.grpc.Server;
import io.micronaut.context.annotation.Requires;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Drains the gRPC server micronaut-grpc runs (auth-service, router-service): new calls are refused
 * at once (UNAVAILABLE, so a caller retries on another replica), calls in flight finish, then the
 * watch streams are cut and their callers reconnect elsewhere.
 */
@Singleton
@Requires(classes = GrpcEmbeddedServer.class)
@Requires(beans = GrpcEmbeddedServer.class)
public class GrpcServerDrain implements Drainable {
    private final GrpcEmbeddedServer embedded;
    private final InFlightCalls inFlight;

    public GrpcServerDrain(GrpcEmbeddedServer embedded, InFlightCalls inFlight) {
        this.embedded = embedded;
        this.inFlight = inFlight;
    }

    @Override
    public String name() {
        return "gRPC server on port " + embedded.getPort();
    }

    @Override
    public void stopAccepting() {
        server().shutdown();
    }

    @Override
    public boolean awaitIdle(Instant deadline) throws InterruptedException {
        return inFlight.awaitNone(deadline);
    }

    @Override
    public void stopNow() {
        server().shutdownNow();
    }

    private Server server() {
        return embedded.getServer();
    }
}
