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
 * thread.
 * <p>
 * Lock order: events and the hand-over take this lock, then the admitted call's own lock inside it.
 * The reverse also happens, and only on the transport's thread: the admitted call, holding its lock
 * there (a backend's callback, say), asks the client for a request or closes the call, and the
 * transport may deliver the resulting event through here at once. That cannot deadlock: once the
 * call is handed over, only the transport's thread takes this lock (its events), so both orders are
 * one thread's; during the hand-over (on a first-token check's thread) the admitted call has not
 * begun (no request asked, no backend call), so nothing holds its lock on the transport's thread.
 */
final class AwaitingAdmission extends ServerCall.Listener<byte[]> {
    private final Runnable onCancelBeforeAdmission;
    private ServerCall.Listener<byte[]> admitted;
    private boolean ready;
    private boolean halfClosed;
    private boolean cancelled;
    private boolean complete;

    /** @param onCancelBeforeAdmission run when the client goes before its caller is admitted */
    AwaitingAdmission(Runnable onCancelBeforeAdmission) {
        this.onCancelBeforeAdmission = onCancelBeforeAdmission;
    }

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
            onCancelBeforeAdmission.run();
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
