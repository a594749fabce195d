package io.tollgate.common.lifecycle;

import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drains Micronaut's HTTP server through its own graceful shutdown: it closes the listening
 * socket, so new connections are refused, answers the requests in flight, and closes each
 * connection once it is idle. (micronaut-grpc's server is an EmbeddedServer too, without graceful
 * shutdown: {@link GrpcServerDrain} drains it.)
 */
@Singleton
@Requires(beans = EmbeddedServer.class)
public class HttpServerDrain implements Drainable {
    private final List<GracefulShutdownCapable> servers;
    private volatile CompletableFuture<?> shutdown = CompletableFuture.completedFuture(null);

    public HttpServerDrain(List<EmbeddedServer> servers) {
        this.servers = servers.stream()
                .filter(GracefulShutdownCapable.class::isInstance)
                .map(GracefulShutdownCapable.class::cast)
                .toList();
    }

    @Override
    public String name() {
        return "HTTP server";
    }

    @Override
    public void stopAccepting() {
        shutdown = GracefulShutdownCapable.shutdownAll(servers.stream()).toCompletableFuture();
    }

    @Override
    public boolean awaitIdle(Instant deadline) throws InterruptedException {
        long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
            shutdown.get(left, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            // Against the GracefulShutdownCapable contract; the context's stop closes what is left.
            return false;
        }
    }

    @Override
    public void stopNow() {
        // The application context's stop closes the server and its connections.
    }
}
