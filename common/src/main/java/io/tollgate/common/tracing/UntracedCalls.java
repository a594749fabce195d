package io.tollgate.common.tracing;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * A server interceptor that traces every call but health checks: probes arrive every few seconds
 * and a span for each would only bury the calls worth reading (as {@code otel.exclusions} does
 * for HTTP health).
 */
final class UntracedCalls implements ServerInterceptor {
    private static final String HEALTH = "grpc.health.v1.Health";

    private final ServerInterceptor tracing;

    UntracedCalls(ServerInterceptor tracing) {
        this.tracing = tracing;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (HEALTH.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        return tracing.interceptCall(call, headers, next);
    }
}
