package io.tollgate.flight.quota;

import java.util.concurrent.atomic.AtomicBoolean;

/** One admitted statement; closing it (once or more, from any thread) gives its place back. */
public final class QueryPermit implements AutoCloseable {
    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    QueryPermit(Runnable release) {
        this.release = release;
    }

    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
