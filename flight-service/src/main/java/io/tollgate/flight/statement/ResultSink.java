package io.tollgate.flight.statement;

import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Where a query's rows go: one stream of Arrow record batches to one client, with the client's
 * readiness (backpressure) and its going away. The services write results here and throw typed
 * errors; the protocol adapter implements it over its own stream (Flight's listener today) and
 * maps the errors, so nothing below the adapter knows the wire.
 *
 * <p>Signals ({@link #onReady}, {@link #onCancel}) arrive on the transport's own thread, never the
 * one that writes the stream; their handlers must not block it.
 */
public interface ResultSink {

    /** Starts the stream; every later batch is loaded into {@code root} before {@link #putNext()}. */
    void start(VectorSchemaRoot root);

    /** Sends the batch now loaded into the started root. */
    void putNext();

    /** Ends the stream successfully; the client sees the end of the result at once. */
    void completed();

    /** Whether the client can take another batch without it piling up in memory. */
    boolean isReady();

    /** Whether the client cancelled the call or went away. */
    boolean isCancelled();

    /** Run whenever the client may have become ready. */
    void onReady(Runnable handler);

    /** Run once when the client cancels the call or goes away. */
    void onCancel(Runnable handler);
}
