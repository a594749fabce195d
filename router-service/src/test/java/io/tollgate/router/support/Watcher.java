package io.tollgate.router.support;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A WatchTenants client for tests: collects what the stream delivers, and can read as slowly as
 * a test wants (asking for messages only when told to).
 */
public final class Watcher implements AutoCloseable {
    private final BlockingQueue<WatchTenantsResponse> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<WatchTenantsRequest> call;

    private Watcher() {
    }

    /** A watcher that reads as fast as messages come. */
    public static Watcher open(Channel channel, long afterRevision) {
        return open(channel, afterRevision, -1);
    }

    /** A watcher that asks for {@code initial} messages only, and more when {@link #request} is called. */
    public static Watcher open(Channel channel, long afterRevision, int initial) {
        Watcher watcher = new Watcher();
        RouterServiceGrpc.newStub(channel).watchTenants(
                WatchTenantsRequest.newBuilder().setAfterRevision(afterRevision).build(),
                new ClientResponseObserver<WatchTenantsRequest, WatchTenantsResponse>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchTenantsRequest> requestStream) {
                        watcher.call = requestStream;
                        if (initial >= 0) {
                            requestStream.disableAutoRequestWithInitial(initial);
                        }
                    }

                    @Override
                    public void onNext(WatchTenantsResponse value) {
                        watcher.received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        watcher.ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        watcher.ended.complete(Status.OK);
                    }
                });
        return watcher;
    }

    public void request(int messages) {
        call.request(messages);
    }

    /** The next message, waiting up to 10 s for it. */
    public WatchTenantsResponse next() {
        try {
            WatchTenantsResponse message = received.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no WatchTenants message within 10 s; stream end: " + ended.getNow(null));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Messages until one matches, the matching one last. */
    public List<WatchTenantsResponse> until(Predicate<WatchTenantsResponse> last) {
        List<WatchTenantsResponse> messages = new ArrayList<>();
        WatchTenantsResponse message;
        do {
            message = next();
            messages.add(message);
        } while (!last.test(message));
        return messages;
    }

    /** Whatever arrives within {@code quiet}, waiting no longer once nothing more comes. */
    public List<WatchTenantsResponse> drain(Duration quiet) {
        List<WatchTenantsResponse> messages = new ArrayList<>();
        try {
            for (WatchTenantsResponse m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS); m != null;
                 m = received.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) {
                messages.add(m);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return messages;
    }

    /** How the stream ended, waiting up to 10 s for it. */
    public Status end() {
        try {
            return ended.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the stream did not end within 10 s", e);
        }
    }

    @Override
    public void close() {
        if (call != null && !ended.isDone()) {
            call.cancel("test done", null);
        }
    }
}
