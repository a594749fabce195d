package io.tollgate.testkit.service;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.grpc.server.GrpcEmbeddedServer;
import io.micronaut.runtime.server.EmbeddedServer;

import java.net.URI;
import io.tollgate.testkit.tls.InternalCertificates;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
    private final String serviceName;
    private final List<ManagedChannel> channels = new CopyOnWriteArrayList<>();
    private final ManagedChannel channel;

    private ServiceReplica(ApplicationContext context, EmbeddedServer http, String serviceName, String callerName) {
        this.context = context;
        this.http = http;
        this.serviceName = serviceName;
        this.channel = channelAs(callerName);
    }

    /**
     * Starts a replica of {@code serviceName} (e.g. {@code router-service}) with these properties
     * (the application's own: datasource, service settings), its internal gRPC port on mutual TLS
     * with testkit's generated certificates, as in production; the server ports are set here and
     * cannot be overridden. Its {@link #channel()} calls as {@code callerName}.
     */
    public static ServiceReplica start(String serviceName, String callerName, Map<String, ?> properties) {
        Map<String, Object> all = new HashMap<>(InternalCertificates.shared().properties(serviceName));
        all.putAll(properties);
        all.putAll(anyPorts());
        ApplicationContext context = ApplicationContext.builder().properties(all).start();
        try {
            return new ServiceReplica(context, context.getBean(EmbeddedServer.class).start(), serviceName, callerName);
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

    /** A channel to this replica's gRPC server as the caller named at start, closed with the replica. */
    public ManagedChannel channel() {
        return channel;
    }

    /** Another channel to this replica's gRPC server, presenting {@code callerName}'s certificate. */
    public ManagedChannel channelAs(String callerName) {
        ManagedChannel added = InternalCertificates.shared().channel(grpcPort(), callerName, serviceName);
        channels.add(added);
        return added;
    }

    public int grpcPort() {
        return grpcPort(context);
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
        try {
            for (ManagedChannel each : channels) {
                each.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.close();
    }
}
