package io.tollgate.flight.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Puts the caller's network address where the auth middleware can find it (Flight's middleware API
 * does not expose it), so that logins forwarded to auth-service carry it for rate limiting and the
 * audit trail.
 */
public final class ClientAddressInterceptor implements ServerInterceptor {
    private static final Context.Key<String> ADDRESS = Context.key("tollgate-client-address");

    /** The address of the call being handled on this thread, or empty. */
    public static String current() {
        String address = ADDRESS.get();
        return address == null ? "" : address;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        SocketAddress remote = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        String address = remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "";
        return Contexts.interceptCall(Context.current().withValue(ADDRESS, address), call, headers, next);
    }
}
