package io.tollgate.testkit.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Makes the test PostgreSQL server check passwords for members of one group role,
 * {@value #GROUP}, so that a test can show what a wrong password does. The embedded server
 * trusts every local login; this prepends two scram-sha-256 lines for that group to its
 * pg_hba.conf (once per server) and reloads it. Other logins are untouched.
 * <p>
 * Used where a test must show what a wrong or changed password does: router-service's checks and
 * provisioning, and a tenant login that changes its own password under flight-service.
 */
public final class PasswordCheckedLogins {
    public static final String GROUP = "tollgate_password_checked";
    private static final String MARKER = "# tollgate router-service tests: " + GROUP + " logs in with a password";

    private PasswordCheckedLogins() {
    }

    /** Ensures the group exists and its members' passwords are checked on this database's server. */
    public static void enable(PostgresDatabase db) throws SQLException, InterruptedException {
        enable(db.server());
    }

    /** Ensures the group exists and its members' passwords are checked on this server. */
    public static synchronized void enable(PostgresServer server) throws SQLException, InterruptedException {
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + GROUP + "') THEN "
                    + "CREATE ROLE " + GROUP + " NOLOGIN; END IF; END $$");
            String file;
            String content;
            try (ResultSet r = s.executeQuery("SELECT current_setting('hba_file'), pg_read_file(current_setting('hba_file'))")) {
                r.next();
                file = r.getString(1);
                content = r.getString(2);
            }
            if (!content.contains(MARKER)) {
                rewrite(c, file, MARKER + "\n"
                        + "host all +" + GROUP + " 127.0.0.1/32 scram-sha-256\n"
                        + "host all +" + GROUP + " ::1/128 scram-sha-256\n"
                        + content);
                s.execute("SELECT pg_reload_conf()");
            }
        }
        awaitChecked(server);
    }

    // COPY writes one line per row; CSV with a delimiter and quote that never occur in the file
    // writes each line as it is.
    private static void rewrite(Connection c, String file, String content) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE hba_lines (n int, line text)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO hba_lines VALUES (?, ?)")) {
                int n = 0;
                for (String line : content.split("\n")) {
                    if (!line.isBlank()) {
                        insert.setInt(1, n++);
                        insert.setString(2, line);
                        insert.addBatch();
                    }
                }
                insert.executeBatch();
            }
            s.execute("COPY (SELECT line FROM hba_lines ORDER BY n) TO '" + file.replace("'", "''")
                    + "' WITH (FORMAT csv, DELIMITER E'\\x01', QUOTE E'\\x02')");
            s.execute("DROP TABLE hba_lines");
        }
    }

    // The reload is asynchronous: wait until a wrong password is refused.
    private static void awaitChecked(PostgresServer server) throws SQLException, InterruptedException {
        String probe = "tollgate_hba_probe";
        try (Connection c = server.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + probe + "') THEN "
                    + "CREATE ROLE " + probe + " LOGIN PASSWORD 'probe-right' IN ROLE " + GROUP + "; END IF; END $$");
        }
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            try (Connection ignored = DriverManager.getConnection(server.jdbcUrl("postgres"), probe, "probe-wrong")) {
                Thread.sleep(100);
            } catch (SQLException e) {
                if ("28P01".equals(e.getSQLState())) {
                    return;
                }
                throw e;
            }
        }
        throw new IllegalStateException("the server still accepts wrong passwords for " + GROUP);
    }
}
