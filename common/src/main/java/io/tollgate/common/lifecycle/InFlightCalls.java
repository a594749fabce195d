package io.tollgate.common.lifecycle;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Counts the gRPC calls of one server that are work to finish before the replica stops: every call
 * except subscriptions. A subscription is a server stream named {@code Watch*} (WatchTenants,
 * WatchRevocations, {@code grpc.health.v1.Health/Watch}): it never ends by itself, so draining waits
 * for the work and then cuts subscriptions, whose callers reconnect to another replica. Holds a
 * count, not the calls.
 * <p>
 * micronaut-grpc adds this bean to the servers it builds; a server built by hand (flight-service's
 * Flight endpoint) adds it itself.
 */
@Singleton
public class InFlightCalls implements ServerInterceptor {
    private final Object lock = new Object();
    private int count;

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (isSubscription(call.getMethodDescriptor())) {
            return next.startCall(call, headers);
        }
        change(1);
        AtomicBoolean finished = new AtomicBoolean();
        Runnable finish = () -> {
            if (finished.compareAndSet(false, true)) {
                change(-1);
            }
        };
        try {
            return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
                @Override
                public void onComplete() {
                    try {
                        super.onComplete();
                    } finally {
                        finish.run();
                    }
                }

                @Override
                public void onCancel() {
                    try {
                        super.onCancel();
                    } finally {
                        finish.run();
                    }
                }
            };
        } catch (RuntimeException e) {
            finish.run();
            throw e;
        }
    }

    static boolean isSubscription(MethodDescriptor<?, ?> method) {
        String name = method.getBareMethodName();
        return method.getType() == MethodDescriptor.MethodType.SERVER_STREAMING
                && name != null && name.startsWith("Watch");
    }

    /** The calls in flight now. */
    public int count() {
        synchronized (lock) {
            return count;
        }
    }

    /** Waits until no call is in flight, or the deadline; whether none is. */
    public boolean awaitNone(Instant deadline) throws InterruptedException {
        synchronized (lock) {
            while (count > 0) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    private void change(int delta) {
        synchronized (lock) {
            count += delta;
            if (count == 0) {
                lock.notifyAll();
            }
        }
    }
}
