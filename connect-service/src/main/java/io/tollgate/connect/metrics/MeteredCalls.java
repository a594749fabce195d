package io.tollgate.connect.metrics;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.tollgate.common.metrics.TenantTags;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import jakarta.inject.Singleton;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Meters every Spark Connect call of the public endpoint: its duration and status, and the bytes
 * of its messages each way. The proxy names the call's tenant once the caller's token is verified
 * ({@link #tenantVerified}); a call refused before that counts under {@link TenantTags#NONE}.
 * Health checks are not metered.
 */
@Singleton
public class MeteredCalls implements ServerInterceptor {
    private static final Context.Key<MeteredCall> CALL = Context.key("tollgate-connect-metered-call");

    private final ConnectMetrics metrics;

    public MeteredCalls(ConnectMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * The current call's caller belongs to {@code tenantId}, verified from its token. Called on the
     * call's start, where its context is current; elsewhere (no metered call) it does nothing.
     */
    public static void tenantVerified(String tenantId) {
        MeteredCall call = CALL.get();
        if (call != null) {
            call.tenant(tenantId);
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!SparkConnectServiceGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        MeteredCall metered = new MeteredCall(call.getMethodDescriptor().getBareMethodName());
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendMessage(R message) {
                metered.sent(message);
                super.sendMessage(message);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                metered.ended(status);
                super.close(status, trailers);
            }
        };
        ServerCall.Listener<Q> listener = Contexts.interceptCall(Context.current().withValue(CALL, metered), counted,
                headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                metered.received(message);
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                metered.ended(Status.CANCELLED);
                super.onCancel();
            }
        };
    }

    /** One call's meters; the tenant's counters are resolved once, when it is known. */
    private final class MeteredCall {
        private final String method;
        private final Timer.Sample sample = metrics.start();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile String tenant = TenantTags.NONE;
        private volatile Counter received;
        private volatile Counter sent;

        MeteredCall(String method) {
            this.method = method;
        }

        void tenant(String tenantId) {
            String tag = metrics.tenantTag(tenantId);
            ConnectMetrics.TenantBytes bytes = metrics.bytes(tag);
            received = bytes.received();
            sent = bytes.sent();
            metrics.watchUsage(tag);
            tenant = tag;
        }

        void received(Object message) {
            count(received, message);
        }

        void sent(Object message) {
            count(sent, message);
        }

        private void count(Counter counter, Object message) {
            // Messages are the proxy's raw bytes; a refused call has no tenant and sends none.
            if (counter != null && message instanceof byte[] bytes) {
                counter.increment(bytes.length);
            }
        }

        void ended(Status status) {
            if (ended.compareAndSet(false, true)) {
                metrics.called(sample, method, status.getCode().name(), tenant);
            }
        }
    }
}
