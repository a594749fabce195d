package io.tollgate.auth.revocation;

import io.grpc.Context;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A WatchRevocations call whose messages a test takes one by one; cancelled on close. */
final class WatchRecorder implements AutoCloseable {
    private final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    private final Context.CancellableContext context = Context.current().withCancellation();

    WatchRecorder(AuthServiceGrpc.AuthServiceStub stub, long afterSequence) {
        context.run(() -> stub.watchRevocations(
                WatchRevocationsRequest.newBuilder().setAfterSequence(afterSequence).build(),
                new StreamObserver<>() {
                    @Override
                    public void onNext(WatchRevocationsResponse value) {
                        received.add(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        received.add(t);
                    }

                    @Override
                    public void onCompleted() {
                        received.add("completed");
                    }
                }));
    }

    /** The next message, waiting up to the timeout; fails the test on an error or a timeout. */
    WatchRevocationsResponse next(long timeoutMillis) throws InterruptedException {
        Object next = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        assertNotNull(next, "no message within " + timeoutMillis + " ms");
        if (next instanceof WatchRevocationsResponse response) {
            return response;
        }
        throw new AssertionError("the stream ended: " + next);
    }

    /** The error that ended the stream, waiting up to the timeout. */
    Throwable error(long timeoutMillis) throws InterruptedException {
        Object next = received.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (next instanceof Throwable t) {
            return t;
        }
        throw new AssertionError("expected the stream to fail, got " + next);
    }

    /** Asserts that nothing arrives for a while. */
    void assertQuiet(long millis) throws InterruptedException {
        assertNull(received.poll(millis, TimeUnit.MILLISECONDS), "unexpected message");
    }

    @Override
    public void close() {
        context.cancel(null);
    }
}
