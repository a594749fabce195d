package io.tollgate.flight.support;

import io.tollgate.testkit.await.Await;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * What a tenant's role is doing in PostgreSQL right now ({@code pg_stat_activity}, read as the
 * superuser), for tests that must wait until a statement has reached the backend or has left it.
 */
public final class BackendActivity {
    /** How long a statement may take to reach, or leave, the backend. */
    public static final Duration WAIT = Duration.ofSeconds(30);

    private BackendActivity() {
    }

    /** Whether a backend of the tenant's role is active on a statement whose text contains {@code text}. */
    public static boolean running(TenantDatabase db, String tenantId, String text) throws SQLException {
        return count(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND state = 'active'"
                + " AND strpos(query, ?) > 0", db.role(tenantId), text) > 0;
    }

    /**
     * Waits until this many backends of the tenant's role wait for a lock. (A statement blocked while
     * PostgreSQL parses it still shows its session as idle, with the previous statement's text.)
     */
    public static void awaitWaitingForLock(TenantDatabase db, String tenantId, int statements) throws Exception {
        Await.until(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = ?"
                        + " AND wait_event_type = 'Lock'", db.role(tenantId)) >= statements, WAIT,
                () -> statements + " statements of " + tenantId + " waiting for a lock; " + describe(db, tenantId));
    }

    /** Waits until no statement of the tenant's role containing {@code text} is active. */
    public static void awaitStopped(TenantDatabase db, String tenantId, String text) throws Exception {
        Await.until(() -> !running(db, tenantId, text), WAIT,
                () -> "no active statement of " + tenantId + " like " + text + "; " + describe(db, tenantId));
    }

    /** Waits until every backend of the tenant's role is idle outside a transaction (or gone). */
    public static void awaitAllIdle(TenantDatabase db, String tenantId) throws Exception {
        Await.until(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND state <> 'idle'",
                        db.role(tenantId)) == 0, WAIT,
                () -> "every backend of " + tenantId + " idle; " + describe(db, tenantId));
    }

    private static int count(TenantDatabase db, String sql, String... parameters) throws SQLException {
        try (Connection c = db.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The role's backends, for a failure message. */
    private static String describe(TenantDatabase db, String tenantId) {
        StringBuilder backends = new StringBuilder("backends:");
        try (Connection c = db.database().connect();
             PreparedStatement s = c.prepareStatement("SELECT state, wait_event_type, wait_event, query"
                     + " FROM pg_stat_activity WHERE usename = ?")) {
            s.setString(1, db.role(tenantId));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    backends.append(" [").append(rs.getString(1)).append(", ").append(rs.getString(2)).append('/')
                            .append(rs.getString(3)).append(": ").append(rs.getString(4)).append(']');
                }
            }
        } catch (SQLException e) {
            backends.append(" unknown (").append(e.getMessage()).append(')');
        }
        return backends.toString();
    }
}
