package io.tollgate.router.service.backend;

import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The statements that make and reset tenant login roles, through an admin connection.
 * <p>
 * Identifiers and setting values are quoted by the server ({@code format('%I')}, {@code %L});
 * a password never appears in SQL text: the driver sends a SCRAM verifier computed here
 * ({@link PGConnection#alterUserPassword}), so it cannot reach the server's statement log either.
 */
final class BackendRoles {
    /** The owner login: everything but what would bypass row-level security or reach other tenants. */
    static final String OWNER_ATTRIBUTES = " WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION";
    /**
     * A class login (reader, writer): as the owner's, and NOINHERIT, so that a membership granted
     * to it later (by mistake, or by a tenant admin) brings no privileges unless it SETs the role,
     * which the gateway refuses.
     */
    static final String CLASS_ATTRIBUTES = OWNER_ATTRIBUTES + " NOINHERIT";

    private BackendRoles() {
    }

    /**
     * Creates the login, or resets its attributes if it exists, and sets its password.
     *
     * @return true when it was created
     */
    static boolean ensureLogin(Connection connection, String role, String attributes, String password)
            throws SQLException {
        boolean created = false;
        if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role)) {
            try {
                execute(connection, "SELECT format('CREATE ROLE %I" + attributes + "', ?)", role);
                created = true;
            } catch (SQLException e) {
                if (!"42710".equals(e.getSQLState())) { // created meanwhile by a concurrent call
                    throw e;
                }
            }
        }
        if (!created) {
            execute(connection, "SELECT format('ALTER ROLE %I" + attributes + "', ?)", role);
        }
        setPassword(connection, role, password);
        return created;
    }

    /** Sets the login's password to this one, as a SCRAM verifier. */
    static void setPassword(Connection connection, String role, String password) throws SQLException {
        connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
    }

    /**
     * The login's defaults for the limits a session of it starts with: how long it waits for a lock,
     * how long it may sit idle in a transaction (holding locks and a connection).
     */
    static void applyLimits(Connection connection, String role, Duration lockTimeout, Duration idleInTransaction)
            throws SQLException {
        execute(connection, "SELECT format('ALTER ROLE %I SET lock_timeout = %L', ?, ?)", role,
                setting(lockTimeout));
        execute(connection, "SELECT format('ALTER ROLE %I SET idle_in_transaction_session_timeout = %L', ?, ?)", role,
                setting(idleInTransaction));
    }

    /** A duration as PostgreSQL reads a time setting: whole seconds as {@code 5s}, anything else in ms. */
    static String setting(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }

    static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Has the server build the statement (quoting identifiers and literals), then runs it. */
    static void execute(Connection connection, String formatQuery, String... arguments) throws SQLException {
        String statement;
        try (PreparedStatement s = connection.prepareStatement(formatQuery)) {
            for (int i = 0; i < arguments.length; i++) {
                s.setString(i + 1, arguments[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                statement = r.getString(1);
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
