package io.tollgate.common.tracing;

import io.grpc.ServerInterceptor;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.inject.Singleton;

/**
 * Spans for a public gRPC front door (Flight SQL): one server span per call, the root of the call's
 * trace unless {@code tollgate.tracing.trust-caller-context} lets a caller's context be continued
 * (health checks are not traced).
 * Not a {@link ServerInterceptor} bean, so micronaut-grpc never puts it on an internal server: a
 * front door applies {@link #serverInterceptor()} itself.
 */
@Singleton
public class PublicCallTracing {
    private final ServerInterceptor server;

    public PublicCallTracing(Tracing tracing) {
        this.server = new UntracedCalls(GrpcTelemetry.builder(tracing.publicDoors()).setEmitMessageEvents(false).build()
                .newServerInterceptor());
    }

    /** The outermost interceptor of a public gRPC server. */
    public ServerInterceptor serverInterceptor() {
        return server;
    }
}
