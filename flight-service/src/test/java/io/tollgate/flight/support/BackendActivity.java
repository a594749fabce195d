package io.tollgate.flight.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What a tenant's role is doing in PostgreSQL right now ({@code pg_stat_activity}, read as the
 * superuser), for tests that must wait until a statement has reached the backend or has left it.
 */
public final class BackendActivity {
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
        awaitUntil(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = ?"
                        + " AND wait_event_type = 'Lock'", db.role(tenantId)) >= statements,
                () -> statements + " statements of " + tenantId + " waiting for a lock; " + describe(db, tenantId));
    }

    /** Waits until no statement of the tenant's role containing {@code text} is active. */
    public static void awaitStopped(TenantDatabase db, String tenantId, String text) throws Exception {
        awaitUntil(() -> !running(db, tenantId, text),
                () -> "no active statement of " + tenantId + " like " + text + "; " + describe(db, tenantId));
    }

    /** Waits until every backend of the tenant's role is idle outside a transaction (or gone). */
    public static void awaitAllIdle(TenantDatabase db, String tenantId) throws Exception {
        awaitUntil(() -> count(db, "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND state <> 'idle'",
                        db.role(tenantId)) == 0,
                () -> "every backend of " + tenantId + " idle; " + describe(db, tenantId));
    }

    /** A state the test waits for. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    /** Waits for a state another thread or process brings about; fails if it never comes (30 s). */
    public static void awaitUntil(Condition condition, String what) throws Exception {
        awaitUntil(condition, () -> what);
    }

    @FunctionalInterface
    private interface Description {
        String get() throws Exception;
    }

    private static void awaitUntil(Condition condition, Description what) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("never reached: " + what.get());
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
    private static String describe(TenantDatabase db, String tenantId) throws SQLException {
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
        }
        return backends.toString();
    }
}
