package io.tollgate.common.ports;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;

/**
 * Reports the port of each Micronaut server as it starts: the HTTP server as {@code http}, the
 * gRPC server (micronaut-grpc publishes the same event for it) as {@code grpc}.
 */
@Singleton
@Requires(property = PortsReport.PROPERTY)
public class ServerPortsReporter implements ApplicationEventListener<ServerStartupEvent> {
    // By name: common does not depend on micronaut-grpc's server (flight and catalog have none).
    private static final String GRPC_SERVER = "io.micronaut.grpc.server.GrpcEmbeddedServer";

    private final PortsReport report;

    public ServerPortsReporter(PortsReport report) {
        this.report = report;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        EmbeddedServer server = event.getSource();
        report.put(isGrpc(server) ? "grpc" : "http", server.getPort());
    }

    private static boolean isGrpc(EmbeddedServer server) {
        for (Class<?> type = server.getClass(); type != null; type = type.getSuperclass()) {
            if (GRPC_SERVER.equals(type.getName())) {
                return true;
            }
        }
        return false;
    }
}
