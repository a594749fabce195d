package io.tollgate.connect.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerStreamTracer;
import io.grpc.ServerTransportFilter;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.grpc.RawBytes;
import io.tollgate.connect.limits.CallAllowance;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.metrics.MeteredCalls;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.session.CallGateway;
import io.tollgate.connect.session.Caller;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * {@code spark.connect.SparkConnectService} as the gateway serves it: every RPC of Spark 4.1 (as
 * Spark's own service descriptor declares it, with its streaming kinds), each a proxied call whose
 * messages stay bytes. A method the gateway does not know is not registered, so gRPC answers it
 * UNIMPLEMENTED. The caller's token and tenant are checked before any message is read.
 * <p>
 * Calls start on the server transport's thread (the server runs everything there: see
 * {@link ConnectServer}). A call whose token the verifier already knows is admitted right there
 * (memory look-ups, or a signature check against the key set in hand); a token that may need
 * auth-service's key set fetched is admitted on {@link FirstSightChecks}' threads, and its call
 * holds every event ({@link AwaitingAdmission}) and asks for no request until then. Each connection
 * has a few places there at once ({@link ConnectionShares}).
 */
@Singleton
class SparkConnectProxy {
    private final CallGateway gateway;
    private final ProxyParts parts;
    private final TokenVerifier verifier;
    private final FirstSightChecks firstSight = new FirstSightChecks();
    private final ArrivingMessages arrivingMessages = new ArrivingMessages();
    private final ConnectionShares connectionShares = new ConnectionShares();

    SparkConnectProxy(CallGateway gateway, ProxyParts parts, TokenVerifier verifier) {
        this.gateway = gateway;
        this.parts = parts;
        this.verifier = verifier;
    }

    /** The transport's hook that lets a call refuse a request while it arrives: added to the server. */
    ServerStreamTracer.Factory arrivingMessages() {
        return arrivingMessages;
    }

    /** The transport's hook that gives each connection its share of the first-token checks: added to the server. */
    ServerTransportFilter connectionShares() {
        return connectionShares;
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

    @PreDestroy
    void close() {
        firstSight.close();
    }

    private ServerCallHandler<byte[], byte[]> handler(SparkMethod method, MethodDescriptor<byte[], byte[]> raw) {
        return (call, headers) -> {
            String token = BearerHeaders.token(headers);
            // Known, lately refused, refusable by its shape, or its key in hand: never waiting.
            if (verifier.answersWithoutKeys(token)) {
                ProxiedCall proxied = admit(call, headers, token, method, raw);
                if (proxied == null) {
                    return new ServerCall.Listener<>() {
                    };
                }
                proxied.begin();
                return proxied;
            }
            ConnectionShares.Place place = ConnectionShares.take(call);
            if (place == null) {
                call.close(Status.UNAVAILABLE.withDescription(ConnectionShares.CONNECTION_BUSY), new Metadata());
                return new ServerCall.Listener<>() {
                };
            }
            AwaitingAdmission awaiting = new AwaitingAdmission(place::release);
            // In the call's context: its deadline, its meters, its span and its request watcher live there.
            Runnable check = Context.current().wrap(() -> {
                try {
                    admitWaiting(awaiting, call, headers, token, method, raw);
                } finally {
                    place.release();
                }
            });
            firstSight.submit(check, refusal -> {
                place.release();
                call.close(refusal, new Metadata());
            });
            return awaiting;
        };
    }

    /** Admits the caller of a call that waited (on a first-token check's thread), unless the client has gone. */
    private void admitWaiting(AwaitingAdmission awaiting, ServerCall<byte[], byte[]> call, Metadata headers,
                              String token, SparkMethod method, MethodDescriptor<byte[], byte[]> raw) {
        if (awaiting.cancelled()) {
            return; // the client has gone: nothing to admit, nothing opened
        }
        ProxiedCall proxied = null;
        try {
            proxied = admit(call, headers, token, method, raw);
        } catch (RuntimeException unexpected) {
            // The pool would swallow it, leaving a call that no one closes and that asks for nothing.
            call.close(ConnectErrors.statusOf(method.rpcName(), unexpected), new Metadata());
        }
        awaiting.proceed(proxied != null ? proxied : new ServerCall.Listener<>() {
        });
        if (proxied != null) {
            proxied.begin();
        }
    }

    /**
     * The call's caller admitted and the call open among the gateway's, not yet reading requests;
     * null when the caller is refused (the call is closed with the refusal).
     */
    private ProxiedCall admit(ServerCall<byte[], byte[]> call, Metadata headers, String token, SparkMethod method,
                              MethodDescriptor<byte[], byte[]> raw) {
        Caller caller;
        CallAllowance allowance;
        try {
            caller = gateway.authenticate(token);
            MeteredCalls.tenantVerified(caller.tenantId());
            allowance = parts.limits().open(caller, method);
        } catch (Exception refused) {
            call.close(ConnectErrors.statusOf(method.rpcName(), refused), new Metadata());
            return null;
        }
        Deadline deadline = Context.current().getDeadline();
        ProxiedCall proxied = new ProxiedCall(call, headers, deadline, method, raw, caller, allowance, parts);
        // Open from now, not from its first request: revocations and the first-request
        // timeout reach a call that sends nothing.
        parts.openCalls().add(proxied);
        ArrivingMessages.watchRequests(proxied::requestArriving);
        return proxied;
    }
}
