package io.tollgate.common.grpc;

import io.grpc.Channel;
import io.grpc.ManagedChannel;

import java.util.concurrent.TimeUnit;

/**
 * One channel to an internal service: the connection (closed with the service) and the view of it
 * stubs are built on, which adds the default unary deadline.
 */
public final class InternalChannel implements AutoCloseable {
    private final ManagedChannel connection;
    private final Channel calls;

    InternalChannel(ManagedChannel connection, Channel calls) {
        this.connection = connection;
        this.calls = calls;
    }

    /** What stubs are built on. */
    public Channel calls() {
        return calls;
    }

    @Override
    public void close() {
        connection.shutdown();
        try {
            if (!connection.awaitTermination(5, TimeUnit.SECONDS)) {
                connection.shutdownNow();
            }
        } catch (InterruptedException e) {
            connection.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
