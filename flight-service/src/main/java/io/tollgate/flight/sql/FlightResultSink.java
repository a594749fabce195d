package io.tollgate.flight.sql;

import io.tollgate.flight.statement.ResultSink;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.vector.VectorSchemaRoot;

/** A DoGet's stream as the services' {@link ResultSink}: one per call, every method a plain delegation. */
final class FlightResultSink implements ResultSink {
    private final ServerStreamListener listener;

    FlightResultSink(ServerStreamListener listener) {
        this.listener = listener;
    }

    @Override
    public void start(VectorSchemaRoot root) {
        listener.start(root);
    }

    @Override
    public void putNext() {
        listener.putNext();
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
