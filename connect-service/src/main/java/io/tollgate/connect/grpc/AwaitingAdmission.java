package io.tollgate.connect.grpc;

import io.grpc.ServerCall;

/**
 * The listener of a call while its caller is being admitted off the transport's thread (a token
 * seen for the first time): it holds what the transport says of the call until the admitted call's
 * own listener takes over, then hands that on in order and forwards everything after.
 * <p>
 * Nothing is buffered but the call's few one-time events: no request has been asked of the client
 * yet ({@code request(1)} comes only once the caller is admitted), so no message can arrive before
 * then, and none can reach a backend before its caller is admitted. Every callback holds this
 * listener's lock, so the hand-over cannot interleave with an event arriving on the transport's
 * thread; the admitted listener takes its own lock inside, never the other way round.
 */
final class AwaitingAdmission extends ServerCall.Listener<byte[]> {
    private ServerCall.Listener<byte[]> admitted;
    private boolean ready;
    private boolean halfClosed;
    private boolean cancelled;
    private boolean complete;

    /** Whether the client has gone already (admitting it would be wasted work). */
    synchronized boolean cancelled() {
        return cancelled;
    }

    /** The call's own listener takes over: what arrived meanwhile is handed to it first, in order. */
    synchronized void proceed(ServerCall.Listener<byte[]> listener) {
        admitted = listener;
        if (cancelled) {
            listener.onCancel();
            return;
        }
        if (ready) {
            listener.onReady();
        }
        if (halfClosed) {
            listener.onHalfClose();
        }
        if (complete) {
            listener.onComplete();
        }
    }

    @Override
    public synchronized void onMessage(byte[] message) {
        if (admitted == null) {
            // Cannot happen (no request asked yet); if it did, the message must not go anywhere.
            throw new IllegalStateException("a request arrived before its caller was admitted");
        }
        admitted.onMessage(message);
    }

    @Override
    public synchronized void onHalfClose() {
        if (admitted == null) {
            halfClosed = true;
        } else {
            admitted.onHalfClose();
        }
    }

    @Override
    public synchronized void onCancel() {
        if (admitted == null) {
            cancelled = true;
        } else {
            admitted.onCancel();
        }
    }

    @Override
    public synchronized void onComplete() {
        if (admitted == null) {
            complete = true;
        } else {
            admitted.onComplete();
        }
    }

    @Override
    public synchronized void onReady() {
        if (admitted == null) {
            ready = true;
        } else {
            admitted.onReady();
        }
    }
}
