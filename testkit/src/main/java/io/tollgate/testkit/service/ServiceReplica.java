package io.tollgate.testkit.service;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One replica of a service started for a test: its application context built from the given
 * properties, the HTTP server started (which starts the gRPC server with it), both bound to ports
 * the kernel chose, so no test depends on a port staying free. Several replicas can share one
 * database, as replicas behind one Kubernetes Service do.
 */
public final class ServiceReplica implements AutoCloseable {
    private final ApplicationContext context;
    private final EmbeddedServer http;
    private final ManagedChannel channel;

    private ServiceReplica(ApplicationContext context, EmbeddedServer http) {
        this.context = context;
        this.http = http;
        this.channel = ManagedChannelBuilder.forAddress("localhost", grpcPort(context)).usePlaintext().build();
    }

    /**
     * Starts a replica with these properties (the application's own: datasource, service settings);
     * the server ports are set here and cannot be overridden.
     */
    public static ServiceReplica start(Map<String, ?> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.putAll(anyPorts());
        ApplicationContext context = ApplicationContext.builder().properties(all).start();
        try {
            return new ServiceReplica(context, context.getBean(EmbeddedServer.class).start());
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /**
     * The port settings that let the kernel choose: for tests that start the application another
     * way (e.g. {@code @MicronautTest} with a property provider).
     */
    public static Map<String, String> anyPorts() {
        // Micronaut's HTTP server takes -1 for "any"; gRPC binds the port it is given, 0 included.
        return Map.of("micronaut.server.port", "-1", "grpc.server.port", "0");
    }

    /** The port the gRPC server of a started application bound. */
    public static int grpcPort(ApplicationContext context) {
        return context.getBean(GrpcEmbeddedServer.class).getPort();
    }

    public ApplicationContext context() {
        return context;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The HTTP server. */
    public EmbeddedServer server() {
        return http;
    }

    /** An absolute URL on this replica's HTTP port. */
    public URI uri(String path) {
        return URI.create("http://localhost:" + http.getPort() + path);
    }

    /** A plaintext channel to this replica's gRPC server, closed with the replica. */
    public ManagedChannel channel() {
        return channel;
    }

    public int grpcPort() {
        return grpcPort(context);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }
}
