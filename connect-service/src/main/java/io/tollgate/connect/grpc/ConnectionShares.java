package io.tollgate.connect.grpc;

import io.grpc.Attributes;
import io.grpc.ServerCall;
import io.grpc.ServerTransportFilter;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Each client connection's share of {@link FirstSightChecks}: at most
 * {@link #WAITING_PER_CONNECTION} of its calls wait for admission there at once, and one more is
 * refused as busy while the calls of other connections go on. The count lives in the connection's
 * own transport attributes (set as it becomes ready), so there is no map to bound or to clean up:
 * it goes with the connection.
 */
final class ConnectionShares extends ServerTransportFilter {
    /**
     * Why 8: a Spark client starting a session sends a handful of calls at once (config, analyze,
     * execute), each with the same new token, and waits for them; eight covers that with room,
     * while a flood from one connection takes at most eight places of the shared queue.
     */
    static final int WAITING_PER_CONNECTION = 8;
    static final String CONNECTION_BUSY = "too many calls of this connection are waiting for their new tokens to be"
            + " verified; retry";
    private static final Attributes.Key<AtomicInteger> WAITING = Attributes.Key.create("tollgate.connect.first-sight-waiting");

    @Override
    public Attributes transportReady(Attributes transportAttrs) {
        return transportAttrs.toBuilder().set(WAITING, new AtomicInteger()).build();
    }

    /**
     * A place for this call among its connection's calls waiting for admission; null when they are
     * all taken (or the call's connection was never seen: refused, fail closed).
     */
    static Place take(ServerCall<?, ?> call) {
        AtomicInteger waiting = call.getAttributes().get(WAITING);
        if (waiting == null) {
            return null;
        }
        if (waiting.incrementAndGet() > WAITING_PER_CONNECTION) {
            waiting.decrementAndGet();
            return null;
        }
        return new Place(waiting);
    }

    /** One call's place: given back once, whichever comes first (admitted, refused, cancelled). */
    static final class Place {
        private final AtomicInteger waiting;
        private final AtomicBoolean given = new AtomicBoolean();

        private Place(AtomicInteger waiting) {
            this.waiting = waiting;
        }

        void release() {
            if (given.compareAndSet(false, true)) {
                waiting.decrementAndGet();
            }
        }
    }
}
