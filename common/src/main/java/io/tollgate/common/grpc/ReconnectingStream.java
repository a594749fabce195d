package io.tollgate.common.grpc;

import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Keeps a server-streaming gRPC call open: when it ends or fails it is opened again after a
 * back-off that doubles up to a cap (with jitter, so that replicas do not reconnect in step) and
 * resets once messages flow again. The caller builds each request afresh, so a reconnect can
 * resume from the last position it saw.
 *
 * @param <T> the streamed message type
 */
public final class ReconnectingStream<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingStream.class);

    private final String name;
    private final Consumer<StreamObserver<T>> open;
    private final Consumer<T> onMessage;
    private final ScheduledExecutorService scheduler;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private volatile ClientCallStreamObserver<?> call;
    private volatile boolean closed;
    private Duration backoff;

    /**
     * @param name      for logs
     * @param open      starts one call with the given observer (e.g. {@code o -> stub.watch(request(), o)})
     * @param onMessage applies one message; exceptions are logged and the stream goes on
     * @param scheduler runs reconnects
     */
    public ReconnectingStream(String name, Consumer<StreamObserver<T>> open, Consumer<T> onMessage,
                              ScheduledExecutorService scheduler, Duration initialBackoff, Duration maxBackoff) {
        this.name = name;
        this.open = open;
        this.onMessage = onMessage;
        this.scheduler = scheduler;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.backoff = initialBackoff;
    }

    public void start() {
        connect();
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            open.accept(new Observer());
        } catch (RuntimeException e) {
            LOG.warn("{}: could not open the stream: {}", name, e.getMessage());
            reconnectLater();
        }
    }

    private synchronized void reconnectLater() {
        if (closed) {
            return;
        }
        long base = backoff.toMillis();
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        scheduler.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private synchronized void connected() {
        backoff = initialBackoff;
    }

    @Override
    public void close() {
        closed = true;
        ClientCallStreamObserver<?> current = call;
        if (current != null) {
            current.cancel("closing", null);
        }
    }

    private final class Observer implements ClientResponseObserver<Object, T> {
        private boolean first = true;

        @Override
        public void beforeStart(ClientCallStreamObserver<Object> requestStream) {
            call = requestStream;
        }

        @Override
        public void onNext(T message) {
            if (first) {
                first = false;
                connected();
            }
            try {
                onMessage.accept(message);
            } catch (RuntimeException e) {
                LOG.error("{}: a message could not be applied", name, e);
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!closed) {
                LOG.warn("{}: stream failed ({}); reconnecting", name, error.getMessage());
            }
            reconnectLater();
        }

        @Override
        public void onCompleted() {
            reconnectLater();
        }
    }
}
