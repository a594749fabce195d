package io.tollgate.connect.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;

import java.util.concurrent.Executor;

/**
 * Runs the callbacks of a proxied Spark Connect call on the transport's own thread instead of
 * handing each one to the server's call executor. Every message of a result stream used to cross
 * from a Netty event loop to the executor and back on each hop (a thread wake-up each, which on a
 * busy machine waits for a core); a {@code select 1} is four calls of several messages each.
 * <p>
 * Safe because nothing on a proxied call's path blocks: the token is checked in memory, the tenant
 * gate, the routes and the limits are in-memory look-ups, the backend call is asynchronous, audit
 * lines go through an asynchronous appender, and the Interrupt of a cancelled operation is an
 * asynchronous call. Only a call whose bearer token the verifier already knows qualifies: verifying
 * a token seen for the first time may wait on auth-service's key set, so that call (and any call of
 * another service on this port, e.g. health) keeps the call executor.
 */
final class InlineProxyCalls implements ServerCallExecutorSupplier {
    private final TokenVerifier verifier;

    InlineProxyCalls(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        return runsInline(call.getMethodDescriptor().getServiceName(), headers)
                ? MoreExecutors.directExecutor()
                : null; // the server's call executor
    }

    /** Whether a call of this service with these headers runs on the transport's thread. */
    boolean runsInline(String serviceName, Metadata headers) {
        return SparkConnectServiceGrpc.SERVICE_NAME.equals(serviceName) && verifier.remembers(BearerHeaders.token(headers));
    }
}
