package io.tollgate.connect.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerStreamTracer;
import io.grpc.ServiceDescriptor;
import io.tollgate.connect.limits.CallAllowance;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.metrics.MeteredCalls;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.session.CallGateway;
import io.tollgate.connect.session.Caller;
import jakarta.inject.Singleton;

/**
 * {@code spark.connect.SparkConnectService} as the gateway serves it: every RPC of Spark 4.1 (as
 * Spark's own service descriptor declares it, with its streaming kinds), each a proxied call whose
 * messages stay bytes. A method the gateway does not know is not registered, so gRPC answers it
 * UNIMPLEMENTED. The caller's token and tenant are checked before any message is read.
 */
@Singleton
class SparkConnectProxy {
    private final CallGateway gateway;
    private final ProxyParts parts;
    private final ArrivingMessages arrivingMessages = new ArrivingMessages();

    SparkConnectProxy(CallGateway gateway, ProxyParts parts) {
        this.gateway = gateway;
        this.parts = parts;
    }

    /** The transport's hook that lets a call refuse a request while it arrives: added to the server. */
    ServerStreamTracer.Factory arrivingMessages() {
        return arrivingMessages;
    }

    ServerServiceDefinition definition() {
        ServiceDescriptor spark = SparkConnectServiceGrpc.getServiceDescriptor();
        ServerServiceDefinition.Builder service = ServerServiceDefinition.builder(spark.getName());
        for (MethodDescriptor<?, ?> declared : spark.getMethods()) {
            SparkMethod method = SparkMethod.of(declared.getBareMethodName()).orElse(null);
            if (method == null) {
                continue; // fail closed: only the RPCs whose requests the gateway knows how to rewrite
            }
            MethodDescriptor<byte[], byte[]> raw = declared.toBuilder(RawBytes.INSTANCE, RawBytes.INSTANCE).build();
            service.addMethod(raw, handler(method, raw));
        }
        return service.build();
    }

    private ServerCallHandler<byte[], byte[]> handler(SparkMethod method, MethodDescriptor<byte[], byte[]> raw) {
        return new ServerCallHandler<>() {
            @Override
            public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
                Caller caller;
                CallAllowance allowance;
                try {
                    caller = gateway.authenticate(BearerHeaders.token(headers));
                    MeteredCalls.tenantVerified(caller.tenantId());
                    allowance = parts.limits().open(caller, method);
                } catch (Exception refused) {
                    call.close(ConnectErrors.statusOf(method.rpcName(), refused), new Metadata());
                    return new ServerCall.Listener<>() {
                    };
                }
                Deadline deadline = Context.current().getDeadline();
                ProxiedCall proxied = new ProxiedCall(call, headers, deadline, method, raw, caller, allowance, parts);
                // Open from now, not from its first request: revocations and the first-request
                // timeout reach a call that sends nothing.
                parts.openCalls().add(proxied);
                ArrivingMessages.watchRequests(proxied::requestArriving);
                call.request(1);
                return proxied;
            }
        };
    }
}
