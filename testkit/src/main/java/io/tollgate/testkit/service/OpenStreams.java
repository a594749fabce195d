package io.tollgate.testkit.service;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;

/**
 * The open calls of a double's server-streaming RPC (e.g. a registry's WatchTenants): each stream
 * gets its first message when it opens, then every message sent to all; one its caller cancelled
 * is dropped. As many as the test's callers hold open.
 */
public final class OpenStreams<T> {
    private final List<StreamObserver<T>> open = new ArrayList<>();

    /**
     * Sends {@code first} (a snapshot, a catch-up) and keeps the stream open for later messages:
     * no message sent to all can fall between the two. The stream is never completed, as a
     * service's stream stays open between changes.
     */
    public synchronized void open(StreamObserver<T> stream, T first) {
        ((ServerCallStreamObserver<T>) stream).setOnCancelHandler(() -> drop(stream));
        if (send(stream, first)) {
            open.add(stream);
        }
    }

    /** Sends a message to every open stream. */
    public synchronized void sendToAll(T message) {
        List.copyOf(open).forEach(stream -> send(stream, message));
    }

    private synchronized void drop(StreamObserver<T> stream) {
        open.remove(stream);
    }

    private boolean send(StreamObserver<T> stream, T message) {
        try {
            stream.onNext(message);
            return true;
        } catch (RuntimeException gone) {
            // The caller went away while the message was on its way; a new call starts afresh.
            open.remove(stream);
            return false;
        }
    }
}
