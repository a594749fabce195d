package io.tollgate.connect.session;

import io.tollgate.connect.audit.ConnectAudit;
import io.tollgate.connect.audit.SessionEnd;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The session events {@link TenantLimits} decides under its monitor, written to the audit trail
 * after the monitor is released. The trail's appender makes its caller wait when its own queue is
 * full (it loses no line), so a line written under the monitor held every tenant's admission
 * behind one slow write. Here the events are only recorded under the monitor, so their order in
 * this queue is the order of the state changes, and one thread at a time writes them in that
 * order: a session's start always comes out before its end. A thread that finds another writing
 * leaves its events to that one and returns at once; only the writing thread waits on the trail.
 *
 * <p>Bounded: at {@link #capacity} events waiting, a session opening is refused (see
 * {@link #hasRoomToStart}); an end is always taken, since its session has already stopped counting
 * and no line may be lost. Past the capacity only ends are added, each removing one session from
 * the limits' bounded table while none is added, so the queue never holds more than the capacity
 * plus the sessions open when it filled.
 */
final class SessionAuditHandOff {
    private sealed interface Event permits Started, Ended {
        void write();
    }

    private record Started(String tenantId, String subject, String sessionId, String method, String source)
            implements Event {
        @Override
        public void write() {
            ConnectAudit.sessionStarted(tenantId, subject, sessionId, method, source);
        }
    }

    private record Ended(String tenantId, String subject, String sessionId, SessionEnd reason) implements Event {
        @Override
        public void write() {
            ConnectAudit.sessionEnded(tenantId, subject, sessionId, reason);
        }
    }

    private final int capacity;
    private final Queue<Event> waiting = new ConcurrentLinkedQueue<>();
    /** Events in {@link #waiting}: a concurrent queue's own size() walks it. */
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean writing = new AtomicBoolean();

    SessionAuditHandOff(int capacity) {
        this.capacity = capacity;
    }

    /** The most events that may wait before session openings are refused. */
    int capacity() {
        return capacity;
    }

    /** Events waiting now (not yet taken by the writing thread). */
    int waiting() {
        return size.get();
    }

    /** Whether {@code sessions} more starts may be recorded. */
    boolean hasRoomToStart(int sessions) {
        return size.get() + sessions <= capacity;
    }

    /** Records a session's start; the caller holds the limits' monitor and checked {@link #hasRoomToStart}. */
    void started(String tenantId, String subject, String sessionId, String method, String source) {
        add(new Started(tenantId, subject, sessionId, method, source));
    }

    /** Records a session's end; the caller holds the limits' monitor. Never refused. */
    void ended(String tenantId, String subject, String sessionId, SessionEnd reason) {
        add(new Ended(tenantId, subject, sessionId, reason));
    }

    private void add(Event event) {
        size.incrementAndGet();
        waiting.add(event);
    }

    /**
     * Writes the waiting events in order, unless another thread is writing them: then that one
     * writes these too. Called with the limits' monitor released.
     */
    void write() {
        // The re-check after letting go of the flag closes the lost wake-up: an event added while
        // this thread was writing, by a thread that then found the flag taken and returned, is
        // seen here (it was queued before that thread read the flag, so before it was cleared).
        while (!waiting.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                for (Event event = waiting.poll(); event != null; event = waiting.poll()) {
                    size.decrementAndGet();
                    event.write();
                }
            } finally {
                writing.set(false);
            }
        }
    }
}
