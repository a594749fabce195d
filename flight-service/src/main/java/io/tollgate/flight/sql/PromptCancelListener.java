package io.tollgate.flight.sql;

import io.grpc.Context;
import org.apache.arrow.flight.FlightProducer.ServerStreamListener;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.dictionary.DictionaryProvider;
import org.apache.arrow.vector.ipc.message.IpcOption;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A DoGet's listener that learns at once when the client cancels or goes away. Arrow's own cancel
 * handler and cancelled flag come through the call's serialised executor, which is busy running
 * the DoGet itself until the stream ends: a query blocked in PostgreSQL or waiting on backpressure
 * would not hear of it before then. gRPC cancels the call's {@link Context} straight away, from
 * another thread, so this listener watches that. The cancel handler runs at most once, and not at
 * all once the stream has ended or the listener is closed (gRPC also cancels the context of a call
 * that succeeded).
 */
final class PromptCancelListener implements ServerStreamListener, AutoCloseable {
    private final ServerStreamListener delegate;
    private final Context context = Context.current();
    private final AtomicReference<Runnable> onCancel = new AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final Context.CancellationListener watcher = cancelled -> cancel();

    PromptCancelListener(ServerStreamListener delegate) {
        this.delegate = delegate;
        context.addListener(watcher, Runnable::run);
        delegate.setOnCancelHandler(this::cancel);
    }

    private void cancel() {
        Runnable handler = onCancel.getAndSet(null);
        if (handler != null && !ended.get()) {
            handler.run();
        }
    }

    private void end() {
        ended.set(true);
        context.removeListener(watcher);
    }

    /** Stops watching: the DoGet has returned, however it ended. */
    @Override
    public void close() {
        end();
    }

    @Override
    public boolean isCancelled() {
        return context.isCancelled() || delegate.isCancelled();
    }

    @Override
    public void setOnCancelHandler(Runnable handler) {
        onCancel.set(handler);
        if (isCancelled()) {
            cancel();
        }
    }

    @Override
    public boolean isReady() {
        return delegate.isReady();
    }

    @Override
    public void setOnReadyHandler(Runnable handler) {
        delegate.setOnReadyHandler(handler);
    }

    @Override
    public void start(VectorSchemaRoot root, DictionaryProvider dictionaries, IpcOption option) {
        delegate.start(root, dictionaries, option);
    }

    @Override
    public void putNext() {
        delegate.putNext();
    }

    @Override
    public void putNext(ArrowBuf metadata) {
        delegate.putNext(metadata);
    }

    @Override
    public void putMetadata(ArrowBuf metadata) {
        delegate.putMetadata(metadata);
    }

    @Override
    public void setUseZeroCopy(boolean enabled) {
        delegate.setUseZeroCopy(enabled);
    }

    @Override
    public void error(Throwable ex) {
        end();
        delegate.error(ex);
    }

    @Override
    public void completed() {
        end();
        delegate.completed();
    }
}
