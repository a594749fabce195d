package io.tollgate.connect.audit;

import io.tollgate.common.audit.AuditLine;

/**
 * The events connect-service writes to the audit trail. A session's events are per replica: a
 * session starts when a call first names it here (or a CloneSession creates it) and ends once,
 * with a reason, when it stops counting here; {@code tenant}, {@code subject} and {@code session}
 * pair the two. A client that reconnects to another replica starts the session there as well.
 */
public final class ConnectAudit {
    static final String CALL = "spark.call";
    static final String SESSION_START = "spark.session.start";
    static final String SESSION_END = "spark.session.end";

    private ConnectAudit() {
    }

    /**
     * One operation call (ExecutePlan, ReattachExecute) or ReleaseSession, when it has ended.
     *
     * @param planKind the kind of plan it ran ({@code root:sql}, ...), or null for a method that carries none
     * @param outcome  its status code, or {@code cancelled}
     */
    public static void call(String method, String tenantId, String subject, String sessionId, String operationId,
                            String planKind, String outcome) {
        AuditLine line = AuditLine.event(CALL)
                .with("method", method)
                .with("tenant", tenantId)
                .with("subject", subject)
                .with("session", sessionId)
                .with("operation", operationId);
        if (planKind != null) {
            line.with("plan", planKind);
        }
        line.with("outcome", outcome).log();
    }

    /**
     * A session started counting on this replica: opened by {@code method}'s call, or created by a
     * CloneSession of {@code sourceSessionId} (null otherwise).
     */
    public static void sessionStarted(String tenantId, String subject, String sessionId, String method,
                                      String sourceSessionId) {
        AuditLine.event(SESSION_START)
                .with("tenant", tenantId)
                .with("subject", subject)
                .with("session", sessionId)
                .with("method", method)
                .with("source", sourceSessionId)
                .log();
    }

    /** A session stopped counting on this replica. */
    public static void sessionEnded(String tenantId, String subject, String sessionId, SessionEnd reason) {
        AuditLine.event(SESSION_END)
                .with("tenant", tenantId)
                .with("subject", subject)
                .with("session", sessionId)
                .with("reason", reason.reason())
                .log();
    }
}
