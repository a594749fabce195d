package io.tollgate.flight.sql;

import io.tollgate.flight.metrics.FlightMetrics;
import io.tollgate.flight.statement.ResultSink;
import io.tollgate.flight.types.BatchBytes;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A DoGet's stream as the services' {@link ResultSink}: one per call, every method a plain
 * delegation; each batch sent is counted (rows, and bytes of its Arrow buffers).
 */
final class FlightResultSink implements ResultSink {
    private final ServerStreamListener listener;
    private final FlightMetrics.StreamCounters counters;
    private VectorSchemaRoot root;

    FlightResultSink(ServerStreamListener listener, FlightMetrics.StreamCounters counters) {
        this.listener = listener;
        this.counters = counters;
    }

    @Override
    public void start(VectorSchemaRoot root) {
        this.root = root;
        listener.start(root);
    }

    @Override
    public void putNext() {
        int rows = root.getRowCount();
        long bytes = BatchBytes.of(root, rows);
        listener.putNext();
        counters.sent(rows, bytes);
    }

    @Override
    public void completed() {
        listener.completed();
    }

    @Override
    public boolean isReady() {
        return listener.isReady();
    }

    @Override
    public boolean isCancelled() {
        return listener.isCancelled();
    }

    @Override
    public void onReady(Runnable handler) {
        listener.setOnReadyHandler(handler);
    }

    @Override
    public void onCancel(Runnable handler) {
        listener.setOnCancelHandler(handler);
    }
}
