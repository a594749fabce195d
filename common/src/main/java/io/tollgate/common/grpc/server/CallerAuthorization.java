package io.tollgate.common.grpc.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.tollgate.common.tls.CertificateIdentity;
import io.tollgate.common.tls.InternalTls;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Authorises every call to a service's gRPC server before any other interceptor or endpoint runs:
 * the caller is the service its verified client certificate names, and the method must list it in
 * the service's {@link AllowedCallers}. No certificate: UNAUTHENTICATED (with mutual TLS on, the
 * handshake has already failed). Unknown caller or method, or no table at all: PERMISSION_DENIED.
 * The refusal names neither the caller nor the method: the log does, for operators.
 * <p>
 * Under the development switch (no certificates) a caller is trusted as any service, so only a
 * caller on this host (a loopback address) is served: a switch left off by mistake in a cluster
 * then answers no other pod, instead of handing every tenant's backend credentials to any of them.
 */
@Singleton
public class CallerAuthorization implements ServerInterceptor, Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(CallerAuthorization.class);

    private final InternalTls tls;
    @Nullable
    private final AllowedCallers allowed;

    public CallerAuthorization(InternalTls tls, @Nullable AllowedCallers allowed) {
        this.tls = tls;
        this.allowed = allowed;
        if (allowed == null) {
            LOG.error("This gRPC server has no table of allowed callers: every call is refused");
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (!tls.enabled() && !fromLoopback(call)) {
            LOG.warn("Refused {}: internal TLS is off and the caller is not on this host", method);
            return refuse(call, Status.UNAUTHENTICATED.withDescription("a service certificate is required"));
        }
        Optional<String> caller = tls.enabled()
                ? CertificateIdentity.of(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION))
                : Optional.of(CallingService.DEVELOPMENT);
        if (caller.isEmpty()) {
            LOG.warn("Refused {}: the peer presented no service certificate", method);
            return refuse(call, Status.UNAUTHENTICATED.withDescription("a service certificate is required"));
        }
        boolean permitted = !tls.enabled() || (allowed != null && allowed.permits(caller.get(), method));
        if (!permitted) {
            LOG.warn("Refused {} to '{}': not in this service's allowed callers", method, caller.get());
            return refuse(call, Status.PERMISSION_DENIED.withDescription("this caller may not call this method"));
        }
        Context context = Context.current().withValue(CallingService.KEY, caller.get());
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** Outermost: nothing else sees a call before it is authorised. */
    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    private static boolean fromLoopback(ServerCall<?, ?> call) {
        return call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) instanceof InetSocketAddress peer
                && peer.getAddress() != null && peer.getAddress().isLoopbackAddress();
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
