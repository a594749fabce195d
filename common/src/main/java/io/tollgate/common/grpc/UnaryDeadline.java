package io.tollgate.common.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives a unary call that has no deadline of its own the configured one, so that no internal call
 * can wait forever on a neighbour that stopped answering. Streams are left alone: WatchTenants and
 * WatchRevocations are meant to stay open.
 */
public final class UnaryDeadline implements ClientInterceptor {
    private final Duration deadline;

    public UnaryDeadline(Duration deadline) {
        if (deadline.isZero() || deadline.isNegative()) {
            throw new IllegalArgumentException("a deadline must be positive");
        }
        this.deadline = deadline;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (method.getType() == MethodDescriptor.MethodType.UNARY && options.getDeadline() == null) {
            return next.newCall(method, options.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
        }
        return next.newCall(method, options);
    }
}
