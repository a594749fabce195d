package io.tollgate.router.support;

import io.grpc.ManagedChannel;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.tollgate.testkit.net.FreePorts;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One router-service replica started by hand (HTTP server, so that the gRPC server starts too),
 * for tests that run several replicas on one database or stop and start one.
 */
public final class RouterReplica implements AutoCloseable {
    private final EmbeddedServer server;
    private final ManagedChannel channel;

    private RouterReplica(EmbeddedServer server, int grpcPort) {
        this.server = server;
        // As flight-service, the consumer shown everything.
        this.channel = InternalCertificates.shared().channel(grpcPort, "flight-service", "router-service");
    }

    public static RouterReplica start(PostgresDatabase db, Map<String, Object> extra) {
        return FreePorts.startOnFreePort(grpcPort -> start(db, extra, grpcPort));
    }

    private static RouterReplica start(PostgresDatabase db, Map<String, Object> extra, int grpcPort) {
        Map<String, Object> properties = new HashMap<>(db.datasourceProperties());
        properties.put("micronaut.server.port", -1);
        properties.put("grpc.server.port", grpcPort);
        properties.putAll(InternalCertificates.shared().properties("router-service"));
        properties.putAll(extra);
        EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
        return new RouterReplica(server, grpcPort);
    }

    public ManagedChannel channel() {
        return channel;
    }

    public <T> T bean(Class<T> type) {
        return server.getApplicationContext().getBean(type);
    }

    public EmbeddedServer server() {
        return server;
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.getApplicationContext().close();
    }
}
