package io.tollgate.router.service.backend;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.Credentials;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.BackendResolver;
import io.tollgate.router.service.ResolvedBackend;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantRegistry;
import io.tollgate.router.service.backend.BackendCheckReport.Finding;
import io.tollgate.router.service.backend.BackendCheckReport.Login;
import io.tollgate.router.service.backend.BackendCheckReport.Rls;
import io.tollgate.router.service.backend.BackendCheckReport.TableProtection;
import jakarta.inject.Singleton;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that a tenant's SQL backend can be used as the registry describes it: the references
 * resolve, the server answers, each access class's login is accepted, the database exists, no
 * login can bypass row-level security, every class has a login of its own, and, for SHARED_RLS,
 * that every table is protected and every login maps to the tenant.
 * <p>
 * Outcomes come from SQLSTATEs and exception types, never from driver messages, which are not
 * ours to vouch for; nothing here handles the password beyond opening the connection.
 */
@Singleton
public class BackendCheck {
    private final TenantRegistry registry;
    private final BackendResolver backends;
    private final BackendConnections connections;

    BackendCheck(TenantRegistry registry, BackendResolver backends, BackendConnections connections) {
        this.registry = registry;
        this.backends = backends;
        this.connections = connections;
    }

    /** @throws TenantNotFoundException for an unknown tenant */
    public BackendCheckReport check(String tenantId) {
        Tenant tenant = registry.resolve(tenantId).orElseThrow(TenantNotFoundException::new);
        return check(tenant);
    }

    BackendCheckReport check(Tenant tenant) {
        IsolationMode mode = tenant.definition().sqlBackend().isolationMode();
        ResolvedBackend backend;
        try {
            backend = backends.resolve(tenant.definition().sqlBackend());
        } catch (BackendResolutionException e) {
            return failed(tenant, "unresolvable", e.getMessage());
        }
        BackendCheckReport report;
        try (Connection connection = connections.open(backend.jdbcUrl(), backend.credentials().username(),
                backend.credentials().password())) {
            report = connected(tenant, connection);
        } catch (SQLException e) {
            return failed(tenant, classify(e), describe(classify(e), e));
        }
        return withClassLogins(tenant, backend, report);
    }

    private BackendCheckReport connected(Tenant tenant, Connection connection) throws SQLException {
        List<Finding> problems = new ArrayList<>();
        Login login = login(connection);
        if (login.superuser() || login.bypassRls()) {
            problems.add(new Finding("login-bypasses-rls", "the tenant's role " + login.username()
                    + " is a superuser or BYPASSRLS: tenant traffic must use a role that is neither"));
        }
        Rls rls = null;
        if (tenant.definition().sqlBackend().isolationMode() == IsolationMode.SHARED_RLS) {
            rls = rls(connection, tenant.id(), problems);
        }
        return report(tenant, login, rls, problems);
    }

    /**
     * The owner login's report, with what the reader and writer classes' logins add: each is
     * logged in with, must not bypass row-level security, and in a shared database must map to the
     * tenant; a class without a login of its own is reported, for it runs with the owner's rights.
     */
    private BackendCheckReport withClassLogins(Tenant tenant, ResolvedBackend backend, BackendCheckReport owner) {
        SqlBackend stored = tenant.definition().sqlBackend();
        List<Finding> problems = new ArrayList<>(owner.problems());
        if (stored.sharesLoginAcrossClasses()) {
            problems.add(new Finding("shared-login-across-classes", "access classes without a login of their own"
                    + " run as the owner login, so a reader's SQL runs as a login that may write: provision the"
                    + " tenant, or register sqlBackend.logins.reader and .writer"));
        }
        for (AccessClass accessClass : new AccessClass[] {AccessClass.READER, AccessClass.WRITER}) {
            Credentials login = backend.login(accessClass);
            if (stored.login(accessClass) == stored.credentials()) {
                continue;
            }
            try (Connection connection = connections.open(backend.jdbcUrl(), login.username(), login.password())) {
                Login role = login(connection);
                if (role.superuser() || role.bypassRls()) {
                    problems.add(new Finding("login-bypasses-rls", "the " + accessClass.wireName() + " login "
                            + role.username() + " is a superuser or BYPASSRLS"));
                }
                try (Statement s = connection.createStatement()) {
                    if (stored.isolationMode() == IsolationMode.SHARED_RLS) {
                        checkLoginMapping(s, tenant.id(), accessClass, problems);
                    }
                    checkClassPrivileges(s, accessClass, role.username(), problems);
                }
            } catch (SQLException e) {
                problems.add(new Finding("class-login-" + classify(e), "the " + accessClass.wireName() + " login "
                        + login.username() + ": " + describe(classify(e), e)));
            }
        }
        return report(tenant, owner.login(), owner.rls(), problems);
    }

    // What a class login holds beyond its class, on the tables it can see and the database: a reader
    // that may write, or a reader or writer that may create objects, makes the class a label only.
    private static final String PRIVILEGES_BEYOND_CLASS = """
            SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'tollgate')
              AND n.nspname NOT LIKE 'pg\\_%%'
              AND (%s)
            UNION ALL
            SELECT 'database ' || current_database()
            WHERE has_database_privilege(current_database(), 'CREATE')
               OR has_database_privilege(current_database(), 'TEMPORARY')
            UNION ALL
            SELECT 'schema ' || n.nspname FROM pg_catalog.pg_namespace n
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%%'
              AND has_schema_privilege(n.oid, 'CREATE')
            LIMIT 5""";

    private static void checkClassPrivileges(Statement s, AccessClass accessClass, String username,
                                             List<Finding> problems) throws SQLException {
        String beyond = accessClass == AccessClass.READER
                ? "has_table_privilege(c.oid, 'INSERT') OR has_table_privilege(c.oid, 'UPDATE')"
                        + " OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE')"
                        + " OR has_table_privilege(c.oid, 'REFERENCES') OR has_table_privilege(c.oid, 'TRIGGER')"
                : "has_table_privilege(c.oid, 'TRUNCATE') OR has_table_privilege(c.oid, 'REFERENCES')"
                        + " OR has_table_privilege(c.oid, 'TRIGGER')";
        List<String> where = new ArrayList<>();
        try (ResultSet r = s.executeQuery(PRIVILEGES_BEYOND_CLASS.formatted(beyond))) {
            while (r.next()) {
                where.add(r.getString(1));
            }
        }
        if (!where.isEmpty()) {
            problems.add(new Finding("class-login-too-privileged", "the " + accessClass.wireName() + " login "
                    + username + " may do more than its class on " + String.join(", ", where)
                    + (where.size() == 5 ? ", ..." : "")));
        }
    }

    private static BackendCheckReport report(Tenant tenant, Login login, Rls rls, List<Finding> problems) {
        boolean ok = problems.isEmpty();
        return new BackendCheckReport(tenant.id(), ok, ok ? "ok" : "problems",
                ok ? "the backend is reachable and usable" : problems.size() + " problem(s) found",
                tenant.definition().sqlBackend().isolationMode().name(), login, rls, problems, Instant.now().toString());
    }

    private static Login login(Connection connection) throws SQLException {
        // A shared database closes pg_roles to tenant logins (it names every tenant's login) and
        // offers the login's own row instead.
        String roles;
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('tollgate.login_attributes') IS NOT NULL")) {
            r.next();
            roles = r.getBoolean(1) ? "tollgate.login_attributes" : "pg_roles";
        }
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT current_user, rolsuper, rolbypassrls, current_setting('server_version')"
                     + " FROM " + roles + " WHERE rolname = current_user")) {
            r.next();
            return new Login(r.getString(1), r.getBoolean(2), r.getBoolean(3), r.getString(4));
        }
    }

    private static Rls rls(Connection connection, String tenantId, List<Finding> problems) throws SQLException {
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT to_regclass('tollgate.protection_status') IS NOT NULL")) {
                r.next();
                if (!r.getBoolean(1)) {
                    problems.add(new Finding("rls-setup-missing",
                            "tollgate.protection_status does not exist: run shared-rls-setup.sql on this database"));
                    return new Rls(false, List.of(), List.of());
                }
            }
            List<TableProtection> protectedTables = new ArrayList<>();
            List<TableProtection> unprotected = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT schema_name, table_name, rls_enabled, rls_forced, tenant_policy"
                    + " FROM tollgate.protection_status ORDER BY schema_name, table_name")) {
                while (r.next()) {
                    TableProtection table = new TableProtection(r.getString(1), r.getString(2), r.getBoolean(3),
                            r.getBoolean(4), r.getBoolean(5));
                    boolean whole = table.rlsEnabled() && table.rlsForced() && table.tenantPolicy();
                    (whole ? protectedTables : unprotected).add(table);
                }
            }
            for (TableProtection table : unprotected) {
                problems.add(new Finding("table-not-protected", table.schema() + "." + table.table() + ": "
                        + (table.rlsEnabled() ? "" : "RLS not enabled; ")
                        + (table.rlsForced() ? "" : "RLS not forced; ")
                        + (table.tenantPolicy() ? "" : "no tollgate_tenant_isolation policy; ")
                        + "run SELECT tollgate.protect('" + table.schema() + "." + table.table() + "', '<tenant column>')"));
            }
            checkLoginMapping(s, tenantId, AccessClass.ADMIN, problems);
            return new Rls(true, protectedTables, unprotected);
        }
    }

    // Where the setup maps login roles to tenants (tollgate.register_tenant_role), the tenant's
    // login must map to the tenant itself: otherwise it sees nothing, or another tenant's rows.
    private static void checkLoginMapping(Statement s, String tenantId, AccessClass accessClass, List<Finding> problems)
            throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT to_regprocedure('tollgate.register_tenant_role(text,name)') IS NOT NULL")) {
            r.next();
            if (!r.getBoolean(1)) {
                return;
            }
        }
        try (ResultSet r = s.executeQuery("SELECT tollgate.current_tenant()")) {
            r.next();
            String mapped = r.getString(1);
            if (!tenantId.equals(mapped)) {
                problems.add(new Finding("login-not-registered", mapped == null
                        ? "the tenant's " + accessClass.wireName() + " login is not registered: run SELECT"
                                + " tollgate.register_tenant_login('" + tenantId + "', '<role>', '"
                                + accessClass.wireName() + "')"
                        : "the tenant's " + accessClass.wireName() + " login is registered for another tenant"));
            }
        }
    }

    private static BackendCheckReport failed(Tenant tenant, String outcome, String message) {
        return new BackendCheckReport(tenant.id(), false, outcome, message,
                tenant.definition().sqlBackend().isolationMode().name(), null, null,
                List.of(new Finding(outcome, message)), Instant.now().toString());
    }

    static String classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("28P01") || state.equals("28000")) {
            return "bad-credentials";
        }
        if (state.equals("3D000")) {
            return "missing-database";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException) {
                return "unreachable";
            }
        }
        return state.startsWith("08") ? "unreachable" : "error";
    }

    private static String describe(String outcome, SQLException e) {
        return switch (outcome) {
            case "bad-credentials" -> "the server refused the login (wrong password, or no such role)";
            case "missing-database" -> "the database named in the JDBC URL does not exist";
            case "unreachable" -> "the server could not be reached (refused, unknown host or timed out)";
            default -> "the check failed with SQLSTATE " + e.getSQLState();
        };
    }
}
