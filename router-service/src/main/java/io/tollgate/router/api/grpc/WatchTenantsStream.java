package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.tollgate.common.grpc.GrpcCalls;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.watch.SubscriberTooSlowException;
import io.tollgate.router.service.watch.Watch;
import io.tollgate.router.service.watch.WatchEndedException;
import io.tollgate.router.service.watch.WatchMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one watch to one gRPC caller at the pace the caller reads: messages go out only while the
 * call is ready (its transport buffers are not full), so a slow caller's backlog stays in its
 * bounded subscription, where overflowing it ends the call with RESOURCE_EXHAUSTED.
 * <p>
 * Drains are serialised (one at a time, re-run when signalled meanwhile) and run on a blocking
 * executor: building a message may read a Kubernetes Secret.
 */
final class WatchTenantsStream {
    private static final Logger LOG = LoggerFactory.getLogger(WatchTenantsStream.class);

    private final ServerCallStreamObserver<WatchTenantsResponse> call;
    private final TenantProtoMapper mapper;
    private final RegistryView view;
    private final Executor executor;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Watch watch;
    private volatile boolean done;

    WatchTenantsStream(ServerCallStreamObserver<WatchTenantsResponse> call, TenantProtoMapper mapper,
                       RegistryView view, Executor executor) {
        this.call = call;
        this.mapper = mapper;
        this.view = view;
        this.executor = executor;
    }

    /** Starts sending; the watch must have been opened with {@link #signal} as its signal. */
    void start(Watch opened) {
        this.watch = opened;
        call.setOnCancelHandler(() -> {
            done = true;
            opened.close();
        });
        call.setOnReadyHandler(this::signal);
        signal();
    }

    /** There may be something to send: drain, now or right after the drain in progress. */
    void signal() {
        if (pending.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The replica is stopping; its gRPC server ends the call.
                pending.set(0);
            }
        }
    }

    private void drain() {
        int missed = 1;
        do {
            if (watch != null && !done) {
                sendWhileReady();
            }
            missed = pending.addAndGet(-missed);
        } while (missed != 0);
    }

    private void sendWhileReady() {
        try {
            // A failed watch is ended even while the caller is not reading: it holds nothing more.
            while (!done && (watch.failed() || call.isReady())) {
                Optional<WatchMessage> next = watch.next();
                if (next.isEmpty()) {
                    return;
                }
                call.onNext(mapper.toProto(next.get(), view));
            }
        } catch (SubscriberTooSlowException e) {
            end(Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()));
        } catch (WatchEndedException e) {
            end(Status.UNAVAILABLE.withDescription(e.getMessage()));
        } catch (BackendResolutionException e) {
            // The caller keeps its cached routes and retries from its last revision.
            LOG.warn("WatchTenants: a tenant's backend cannot be resolved: {}", e.getMessage());
            end(Status.UNAVAILABLE.withDescription("a tenant's backend cannot be resolved now; retry"));
        } catch (RuntimeException e) {
            end(GrpcCalls.unexpected("WatchTenants", e));
        }
    }

    private void end(Status status) {
        done = true;
        watch.close();
        try {
            call.onError(status.asRuntimeException());
        } catch (IllegalStateException alreadyClosed) {
            // The caller went away meanwhile: nothing to tell it.
        }
    }
}
