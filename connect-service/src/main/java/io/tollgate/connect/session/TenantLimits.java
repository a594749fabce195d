package io.tollgate.connect.session;

import io.tollgate.common.auth.OccasionalWarning;
import io.tollgate.connect.audit.ConnectAudit;
import io.tollgate.connect.audit.SessionEnd;
import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.config.ConnectLimitsConfig;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.message.SparkRequest;
import io.tollgate.proto.router.v1.Quotas;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Each tenant's Spark Connect limits on this replica, from its registry quotas (the service's
 * defaults where a quota is 0): sessions open at once, operations running at once, artifact bytes
 * per session. A session is open from its first call until ReleaseSession, or until it has had no
 * call for {@code session-idle-timeout}; a CloneSession opens its new session (not its source),
 * which stops counting if Spark refuses the clone. One user (subject) may hold at most its
 * {@code principal-share} of the tenant's sessions and of its operations. Held in memory, bounded:
 * per tenant by its session limit, across tenants by the registry (a tenant with no session is
 * dropped, a user with no operation likewise).
 *
 * <p>A session's start and end on this replica are audit events ({@link ConnectAudit}), each written
 * once: at the admission that opens it, and when it stops counting (released, refused as a clone,
 * idle, or the replica stopping). Idle sessions are swept every half idle timeout (at most a
 * minute), so an idle session's end is written soon after its timeout, not at the tenant's next call.
 * No line is written under this class's monitor, which every call of every tenant takes: the events
 * are recorded there in the order of the changes and written after it is released
 * ({@link SessionAuditHandOff}), so a slow audit trail holds up one writing thread, not the admission
 * of every tenant. When {@value #AUDIT_BACKLOG} session events are waiting for the trail, a call that
 * would open a session is refused (RESOURCE_EXHAUSTED, "audit backlog"), since its start could be
 * neither written now nor lost; calls on open sessions and session ends go on.
 */
@Singleton
public class TenantLimits {
    /**
     * Session events that may wait for the audit trail: as many as the trail's own asynchronous
     * queue holds (logback.xml's AUDIT_QUEUE), so a backlog this deep means the sink has stopped
     * taking lines for two full queues' worth of them.
     */
    static final int AUDIT_BACKLOG = 8192;
    private static final Logger LOG = LoggerFactory.getLogger(TenantLimits.class);
    private static final OccasionalWarning BACKLOG_FULL = new OccasionalWarning(LOG,
            "a Spark session opening refused: {} for the audit trail ({} more refused since the last warning)",
            Duration.ofMinutes(1));
    /**
     * Calls that never open the session they name (they end or inspect one; Spark clones only a
     * session it holds); they are not refused over the session limit for it.
     */
    private static final Set<SparkMethod> NON_OPENING = EnumSet.of(
            SparkMethod.RELEASE_SESSION, SparkMethod.INTERRUPT, SparkMethod.RELEASE_EXECUTE,
            SparkMethod.FETCH_ERROR_DETAILS, SparkMethod.CLONE_SESSION);

    private record SessionKey(String subject, String sessionId) {
    }

    private static final class Session {
        int calls;
        long artifactBytes;
        long lastUsed;
        /** Why it stops counting once its calls have ended; null while it stays open. */
        SessionEnd end;
    }

    private static final class TenantState {
        final Map<SessionKey, Session> sessions = new HashMap<>();
        /** Operations running, per subject; a subject with none has no entry. */
        final Map<String, Integer> operationsBySubject = new HashMap<>();
        int operations;

        long sessionsOf(String subject) {
            return sessions.keySet().stream().filter(key -> key.subject().equals(subject)).count();
        }
    }

    private final ConnectConfig config;
    private final ConnectLimitsConfig shares;
    private final long idleNanos;
    private final LongSupplier clock = System::nanoTime;
    private final Map<String, TenantState> tenants = new HashMap<>();
    private final SessionAuditHandOff audit = new SessionAuditHandOff(AUDIT_BACKLOG);
    private final ScheduledExecutorService idleSweeper = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "idle-session-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    public TenantLimits(ConnectConfig config, ConnectLimitsConfig shares) {
        this.config = config;
        this.shares = shares;
        this.idleNanos = config.sessionIdleTimeout().toNanos();
        long period = Math.max(100, Math.min(Duration.ofMinutes(1).toMillis(), config.sessionIdleTimeout().toMillis() / 2));
        idleSweeper.scheduleWithFixedDelay(this::forgetIdleSessions, period, period, TimeUnit.MILLISECONDS);
    }

    /** A call's share of its tenant's limits; {@link #close()} when the call has ended. */
    public final class Permit implements AutoCloseable {
        private final String tenantId;
        private final SessionKey key;
        private final Session session;
        private final boolean operation;
        private final long maxArtifactBytes;
        private final SessionKey cloneKey;
        private final Session clone;
        private final boolean opensClone;
        private boolean closed;

        private Permit(String tenantId, SessionKey key, Session session, boolean operation, long maxArtifactBytes,
                       SessionKey cloneKey, Session clone, boolean opensClone) {
            this.tenantId = tenantId;
            this.key = key;
            this.session = session;
            this.operation = operation;
            this.maxArtifactBytes = maxArtifactBytes;
            this.cloneKey = cloneKey;
            this.clone = clone;
            this.opensClone = opensClone;
        }

        /**
         * Counts a request's artifact bytes against its session's allowance.
         *
         * @throws LimitExceededException when the session would go over it
         */
        public void charge(SparkRequest request) throws LimitExceededException {
            if (request.artifactBytes() == 0 || session == null) {
                return;
            }
            synchronized (TenantLimits.this) {
                if (session.artifactBytes + request.artifactBytes() > maxArtifactBytes) {
                    throw new LimitExceededException("max_spark_artifact_bytes", maxArtifactBytes,
                            "artifact bytes one session may upload");
                }
                session.artifactBytes += request.artifactBytes();
            }
        }

        /** The session was released (ReleaseSession succeeded): it stops counting once its calls end. */
        public void sessionReleased() {
            synchronized (TenantLimits.this) {
                if (session != null) {
                    session.end = SessionEnd.RELEASED;
                }
            }
        }

        /**
         * Spark refused the CloneSession (its own error, not a failure of the hop, after which the
         * clone may exist): the new session this call opened stops counting once its calls end.
         */
        public void cloneFailed() {
            synchronized (TenantLimits.this) {
                if (opensClone) {
                    clone.end = SessionEnd.CLONE_REFUSED;
                }
            }
        }

        @Override
        public void close() {
            synchronized (TenantLimits.this) {
                release();
            }
            audit.write();
        }

        /** Gives the call's share back; the caller holds the monitor. */
        private void release() {
            if (closed) {
                return;
            }
            closed = true;
            TenantState state = tenants.get(tenantId);
            if (state == null) {
                return;
            }
            if (operation) {
                state.operations--;
                state.operationsBySubject.computeIfPresent(key.subject(), (s, n) -> n == 1 ? null : n - 1);
            }
            leave(tenantId, state, key, session);
            leave(tenantId, state, cloneKey, clone);
            if (state.sessions.isEmpty() && state.operations == 0) {
                tenants.remove(tenantId);
            }
        }
    }

    /**
     * Admits a call's first request within its tenant's limits.
     *
     * @throws LimitExceededException naming the limit the call would exceed
     */
    public Permit admit(String tenantId, Quotas quotas, String subject, SparkRequest first)
            throws LimitExceededException {
        try {
            synchronized (this) {
                return admitHeld(tenantId, quotas, subject, first);
            }
        } finally {
            audit.write();
        }
    }

    private Permit admitHeld(String tenantId, Quotas quotas, String subject, SparkRequest first)
            throws LimitExceededException {
        long now = clock.getAsLong();
        TenantState state = tenants.computeIfAbsent(tenantId, id -> new TenantState());
        forgetIdle(tenantId, state, now);
        SessionKey key = new SessionKey(subject, first.sessionId());
        Session session = state.sessions.get(key);
        boolean opening = session == null && !NON_OPENING.contains(first.method());
        SessionKey cloneKey = first.newSessionId().isEmpty() ? null : new SessionKey(subject, first.newSessionId());
        Session clone = cloneKey == null ? null : state.sessions.get(cloneKey);
        boolean opensClone = cloneKey != null && clone == null;
        try {
            int opened = (opening ? 1 : 0) + (opensClone ? 1 : 0);
            if (opened > 0) {
                int maxSessions = orDefault(quotas.getMaxSparkSessions(), config.maxSessions());
                if (state.sessions.size() + opened > maxSessions) {
                    throw new LimitExceededException("max_spark_sessions", maxSessions,
                            "sessions the tenant may hold open at once");
                }
                int userSessions = shares.principalCap(maxSessions);
                if (state.sessionsOf(subject) + opened > userSessions) {
                    throw new LimitExceededException("max_spark_sessions per user", userSessions,
                            "sessions one user may hold open at once");
                }
                if (!audit.hasRoomToStart(opened)) {
                    BACKLOG_FULL.warn(audit.waiting() + " session events waiting");
                    throw new LimitExceededException("audit backlog", audit.capacity(),
                            "session events waiting for the audit trail on this replica");
                }
            }
            boolean operation = first.method().runsOperation();
            if (operation) {
                int maxOperations = orDefault(quotas.getMaxSparkOperations(), config.maxOperations());
                if (state.operations >= maxOperations) {
                    throw new LimitExceededException("max_spark_operations", maxOperations,
                            "operations the tenant may run at once");
                }
                int userOperations = shares.principalCap(maxOperations);
                if (state.operationsBySubject.getOrDefault(subject, 0) >= userOperations) {
                    throw new LimitExceededException("max_spark_operations per user", userOperations,
                            "operations one user may run at once");
                }
                state.operations++;
                state.operationsBySubject.merge(subject, 1, Integer::sum);
            }
            if (opening) {
                session = new Session();
                state.sessions.put(key, session);
                audit.started(tenantId, subject, key.sessionId(), first.method().rpcName(), null);
            }
            if (opensClone) {
                clone = new Session();
                state.sessions.put(cloneKey, clone);
                audit.started(tenantId, subject, cloneKey.sessionId(), first.method().rpcName(), first.sessionId());
            }
            enter(session, now);
            enter(clone, now);
            long maxArtifacts = quotas.getMaxSparkArtifactBytes() > 0 ? quotas.getMaxSparkArtifactBytes()
                    : config.maxArtifactBytes();
            Permit permit = new Permit(tenantId, key, session, operation, maxArtifacts, cloneKey, clone, opensClone);
            try {
                permit.charge(first);
            } catch (LimitExceededException e) {
                permit.release();
                throw e;
            }
            return permit;
        } finally {
            if (state.sessions.isEmpty() && state.operations == 0) {
                tenants.remove(tenantId);
            }
        }
    }

    /** Sessions a tenant holds open now (tests, metrics). */
    public synchronized int openSessions(String tenantId) {
        TenantState state = tenants.get(tenantId);
        return state == null ? 0 : state.sessions.size();
    }

    /** What a tenant holds now: sessions open and operations running. */
    public record Usage(int sessions, int operations) {
    }

    /** What each tenant with a session or an operation holds now (metrics); a copy. */
    public synchronized Map<String, Usage> usage() {
        Map<String, Usage> usage = new HashMap<>();
        tenants.forEach((tenantId, state) -> usage.put(tenantId, new Usage(state.sessions.size(), state.operations)));
        return usage;
    }

    private static void enter(Session session, long now) {
        if (session != null) {
            session.calls++;
            session.lastUsed = now;
        }
    }

    private void leave(String tenantId, TenantState state, SessionKey key, Session session) {
        if (session != null) {
            session.calls--;
            session.lastUsed = clock.getAsLong();
            if (session.end != null && session.calls == 0) {
                state.sessions.remove(key);
                audit.ended(tenantId, key.subject(), key.sessionId(), session.end);
            }
        }
    }

    private void forgetIdle(String tenantId, TenantState state, long now) {
        Iterator<Map.Entry<SessionKey, Session>> sessions = state.sessions.entrySet().iterator();
        while (sessions.hasNext()) {
            Map.Entry<SessionKey, Session> entry = sessions.next();
            Session session = entry.getValue();
            if (session.calls == 0 && now - session.lastUsed >= idleNanos) {
                sessions.remove();
                audit.ended(tenantId, entry.getKey().subject(), entry.getKey().sessionId(), SessionEnd.IDLE);
            }
        }
    }

    /** Forgets every tenant's idle sessions (the sweeper's round), and the tenants left holding nothing. */
    void forgetIdleSessions() {
        synchronized (this) {
            long now = clock.getAsLong();
            Iterator<Map.Entry<String, TenantState>> all = tenants.entrySet().iterator();
            while (all.hasNext()) {
                Map.Entry<String, TenantState> tenant = all.next();
                forgetIdle(tenant.getKey(), tenant.getValue(), now);
                if (tenant.getValue().sessions.isEmpty() && tenant.getValue().operations == 0) {
                    all.remove();
                }
            }
        }
        audit.write();
    }

    /** The replica stops: every session still open here ends, so that each start has its end in the trail. */
    @PreDestroy
    public void stop() {
        idleSweeper.shutdownNow();
        synchronized (this) {
            tenants.forEach((tenantId, state) -> state.sessions.keySet().forEach(key ->
                    audit.ended(tenantId, key.subject(), key.sessionId(), SessionEnd.SHUTDOWN)));
            tenants.clear();
        }
        audit.write();
    }

    private static int orDefault(int quota, int fallback) {
        return quota > 0 ? quota : fallback;
    }
}
