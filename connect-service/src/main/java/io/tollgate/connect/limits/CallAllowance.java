package io.tollgate.connect.limits;

import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.session.LimitExceededException;

/**
 * One open call's share of the replica's limits: its slot among the open calls, and the charge of
 * the message it holds each way (at most one: the proxy asks for the next only once the last was
 * taken by the other side), charged as its bytes arrive. {@link #close()} when the call ends gives
 * all of it back.
 */
public final class CallAllowance implements AutoCloseable {
    private final String tenantId;
    private final SparkMethod method;
    private final OpenCallCaps.Slot slot;
    private final BytesInFlight bytes;
    private final RequestSizes sizes;
    private BytesInFlight.Charge request;
    private BytesInFlight.Charge response;
    private boolean closed;

    CallAllowance(String tenantId, SparkMethod method, OpenCallCaps.Slot slot, BytesInFlight bytes, RequestSizes sizes) {
        this.tenantId = tenantId;
        this.method = method;
        this.slot = slot;
        this.bytes = bytes;
        this.sizes = sizes;
    }

    /**
     * The transport is reading a request, of which {@code bytesSoFar} have arrived: checked against
     * its method's size and charged as they come, so that a request over either is refused before
     * it is whole.
     *
     * @throws LimitExceededException naming the size or the budget it exceeds
     */
    public synchronized void requestArriving(long bytesSoFar) throws LimitExceededException {
        if (closed) {
            return;
        }
        sizes.check(method, bytesSoFar);
        request = chargeUpTo(request, bytesSoFar);
    }

    /**
     * A request of {@code length} bytes is whole (larger than what arrived if it was compressed):
     * checked against its method's size, then charged until {@link #requestHandedOn()}.
     *
     * @throws LimitExceededException naming the size or the budget it exceeds
     */
    public synchronized void requestReceived(long length) throws LimitExceededException {
        if (closed) {
            return;
        }
        sizes.check(method, length);
        request = chargeUpTo(request, length);
    }

    /** The charge of a message grown to {@code length} bytes (one message per direction at a time). */
    private BytesInFlight.Charge chargeUpTo(BytesInFlight.Charge held, long length) throws LimitExceededException {
        if (held == null) {
            return bytes.charge(tenantId, length);
        }
        if (length > held.bytes()) {
            held.grow(length - held.bytes());
        }
        return held;
    }

    /** The backend took the request (its transport can take more): its bytes are no longer held. */
    public synchronized void requestHandedOn() {
        request = release(request);
    }

    /**
     * The backend's transport is reading a response, of which {@code bytesSoFar} have arrived:
     * charged as they come.
     *
     * @throws LimitExceededException naming the budget it exceeds
     */
    public synchronized void responseArriving(long bytesSoFar) throws LimitExceededException {
        if (!closed) {
            response = chargeUpTo(response, bytesSoFar);
        }
    }

    /**
     * A response of {@code length} bytes is whole: charged until {@link #responseHandedOn()}.
     *
     * @throws LimitExceededException naming the budget it exceeds
     */
    public synchronized void responseReceived(long length) throws LimitExceededException {
        if (!closed) {
            response = chargeUpTo(response, length);
        }
    }

    /** The client took the response: its bytes are no longer held. */
    public synchronized void responseHandedOn() {
        response = release(response);
    }

    private static BytesInFlight.Charge release(BytesInFlight.Charge held) {
        if (held != null) {
            held.close();
        }
        return null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        request = release(request);
        response = release(response);
        slot.close();
    }
}
