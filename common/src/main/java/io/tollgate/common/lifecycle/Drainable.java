package io.tollgate.common.lifecycle;

import java.time.Instant;

/** A server that can stop taking new work and then let its work in flight finish. */
public interface Drainable {
    /** What the log calls it, e.g. {@code gRPC server}. */
    String name();

    /** Refuses new connections and calls from now on; work already begun goes on. */
    void stopAccepting();

    /**
     * Waits until the work begun before {@link #stopAccepting()} has finished, or the deadline.
     *
     * @return whether it finished
     */
    boolean awaitIdle(Instant deadline) throws InterruptedException;

    /** Ends what is left at once: watch streams, and work that outlived the deadline. */
    void stopNow();
}
