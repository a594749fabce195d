package io.tollgate.testkit.service;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.tollgate.testkit.tls.InternalCertificates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server standing in for a neighbour service's contract in a test (e.g. a router that
 * streams a registry the test controls): it serves as {@code serviceName}, on mutual TLS with
 * testkit's generated certificates as that service does, on a loopback port the kernel chose.
 */
public final class NeighbourServer implements AutoCloseable {
    private final Server server;

    private NeighbourServer(Server server) {
        this.server = server;
    }

    /** Starts serving these services as {@code serviceName} (e.g. {@code router-service}). */
    public static NeighbourServer start(String serviceName, BindableService... services) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(InternalCertificates.shared().serverContext(serviceName));
        for (BindableService service : services) {
            builder.addService(service);
        }
        try {
            return new NeighbourServer(builder.build().start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** Its address, for {@code grpc.channels.<name>.address}. */
    public String address() {
        return "localhost:" + port();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
