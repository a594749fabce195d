package io.tollgate.auth.api.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Makes the calling peer's address available to the endpoint, for the audit trail's actor. */
@Singleton
public class PeerAddressInterceptor implements ServerInterceptor {
    static final Context.Key<String> PEER = Context.key("tollgate-peer-address");

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        SocketAddress address = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String peer = address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "unknown";
        return Contexts.interceptCall(Context.current().withValue(PEER, peer), call, headers, next);
    }

    /** The peer of the current call, or "unknown". */
    static String current() {
        String peer = PEER.get();
        return peer == null ? "unknown" : peer;
    }
}
