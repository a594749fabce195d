package io.tollgate.common.tracing;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.micronaut.core.order.Ordered;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import jakarta.inject.Singleton;

/**
 * Spans for calls between Tollgate's services, with the W3C trace context carried across: the
 * client interceptor on common's internal channels, and (as this bean) the server interceptor
 * micronaut-grpc puts on each service's gRPC server, right after the caller is authorised
 * ({@link io.tollgate.common.grpc.server.CallerAuthorization} stays outermost), so only a
 * verified service's context is continued. OpenTelemetry's own gRPC instrumentation does the
 * work; a span records the method, the peer and the status code, never a message or metadata.
 * Health checks are not traced.
 */
@Singleton
public class InternalCallTracing implements ServerInterceptor, Ordered {
    private final ServerInterceptor server;
    private final ClientInterceptor client;

    public InternalCallTracing(Tracing tracing) {
        GrpcTelemetry telemetry = GrpcTelemetry.builder(tracing.internal()).setEmitMessageEvents(false).build();
        this.server = new UntracedCalls(telemetry.newServerInterceptor());
        this.client = telemetry.newClientInterceptor();
    }

    /** For channels to other Tollgate services. */
    public ClientInterceptor client() {
        return client;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return server.interceptCall(call, headers, next);
    }

    /** Just inside the caller's authorisation. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 1;
    }
}
