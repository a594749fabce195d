package io.tollgate.router.service.backend;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.router.config.ProvisioningConfig;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.BackendResolver;
import io.tollgate.router.service.CredentialsResolver;
import io.tollgate.router.service.ResolvedBackend;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantRegistry;
import io.tollgate.router.domain.Credentials;
import jakarta.inject.Singleton;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates what a DEDICATED tenant's route points at, through an admin login to that server: a
 * login role that is neither superuser nor BYPASSRLS, with the password its reference holds, and
 * a database owned by it that no other role may connect to. Idempotent: an existing role gets its
 * attributes and password reset, an existing database its connect grants.
 * <p>
 * Identifiers are quoted by the server ({@code format('%I')}); the password never appears in SQL
 * text: the driver sends a SCRAM verifier computed here ({@link PGConnection#alterUserPassword}),
 * so it cannot reach the server's statement log either.
 */
@Singleton
public class BackendProvisioner {
    private static final Logger LOG = LoggerFactory.getLogger(BackendProvisioner.class);

    @Nullable
    private final ProvisioningConfig config;
    private final TenantRegistry registry;
    private final BackendResolver backends;
    private final CredentialsResolver credentials;
    private final BackendConnections connections;
    private final BackendCheck check;

    BackendProvisioner(@Nullable ProvisioningConfig config, TenantRegistry registry, BackendResolver backends,
                       CredentialsResolver credentials, BackendConnections connections, BackendCheck check) {
        this.config = config;
        this.registry = registry;
        this.backends = backends;
        this.credentials = credentials;
        this.connections = connections;
        this.check = check;
    }

    /**
     * @throws ProvisioningUnavailableException when provisioning is not configured
     * @throws ProvisioningRefusedException     when the tenant cannot be provisioned as it is
     * @throws TenantNotFoundException          for an unknown tenant
     */
    public ProvisioningReport provision(String tenantId, String actor) {
        if (config == null) {
            throw new ProvisioningUnavailableException();
        }
        Tenant tenant = registry.resolve(tenantId).orElseThrow(TenantNotFoundException::new);
        if (tenant.definition().sqlBackend().isolationMode() != IsolationMode.DEDICATED) {
            throw new ProvisioningRefusedException("only DEDICATED tenants get a database of their own");
        }
        if (tenant.definition().status() == TenantStatus.DELETING) {
            throw new ProvisioningRefusedException("tenant is being deleted");
        }
        ResolvedBackend backend = resolve(tenant);
        JdbcUrl target = parse(backend.jdbcUrl(), "the tenant's JDBC URL");
        JdbcUrl admin = parse(config.jdbcUrl(), "tollgate.router.provisioning.jdbc-url");
        // Fail closed: never create a tenant's database on a server other than the one it names.
        if (!target.host().equalsIgnoreCase(admin.host()) || target.port() != admin.port()) {
            throw new ProvisioningRefusedException("the tenant's backend is not on the provisioning server ("
                    + admin.host() + ":" + admin.port() + ")");
        }
        Credentials adminLogin = adminCredentials();
        String role = backend.credentials().username();
        String database = target.database();
        boolean roleCreated;
        boolean databaseCreated;
        try (Connection connection = connections.open(config.jdbcUrl(), adminLogin.username(), adminLogin.password())) {
            roleCreated = ensureRole(connection, role, backend.credentials().password());
            databaseCreated = ensureDatabase(connection, database, role);
        } catch (SQLException e) {
            LOG.warn("provisioning tenant {} failed with SQLSTATE {}", tenant.id(), e.getSQLState());
            throw new ProvisioningRefusedException("provisioning failed on the server (SQLSTATE " + e.getSQLState()
                    + "); the admin login needs CREATEDB and CREATEROLE");
        }
        LOG.info("tenant {} provisioned by {}: database {} {}, role {} {}", tenant.id(), actor, database,
                databaseCreated ? "created" : "existed", role, roleCreated ? "created" : "updated");
        return new ProvisioningReport(tenant.id(), database, databaseCreated, role, roleCreated, check.check(tenant));
    }

    private ResolvedBackend resolve(Tenant tenant) {
        try {
            return backends.resolve(tenant.definition().sqlBackend());
        } catch (BackendResolutionException e) {
            if (e.transientFailure()) {
                throw e;
            }
            throw new ProvisioningRefusedException(e.getMessage());
        }
    }

    private Credentials adminCredentials() {
        try {
            return credentials.resolve(new CredentialsRef(config.username(), config.passwordRef()));
        } catch (BackendResolutionException e) {
            if (e.transientFailure()) {
                throw e;
            }
            throw new ProvisioningRefusedException("the provisioning login's password cannot be resolved: "
                    + e.getMessage());
        }
    }

    private static JdbcUrl parse(String url, String what) {
        try {
            return JdbcUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningRefusedException(what + " " + e.getMessage());
        }
    }

    private static boolean ensureRole(Connection connection, String role, String password) throws SQLException {
        boolean exists = exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", role);
        String attributes = " WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION";
        boolean created = false;
        if (!exists) {
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
        connection.unwrap(PGConnection.class).alterUserPassword(role, password.toCharArray(), "scram-sha-256");
        return created;
    }

    private static boolean ensureDatabase(Connection connection, String database, String owner) throws SQLException {
        boolean created = false;
        if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            try {
                execute(connection, "SELECT format('CREATE DATABASE %I OWNER %I', ?, ?)", database, owner);
                created = true;
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // created meanwhile by a concurrent call
                    throw e;
                }
            }
        }
        // Other tenants' roles must not even connect to it.
        execute(connection, "SELECT format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', ?)", database);
        execute(connection, "SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', ?, ?)", database, owner);
        return created;
    }

    private static boolean exists(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Has the server build the statement (quoting identifiers), then runs it. */
    private static void execute(Connection connection, String formatQuery, String... arguments) throws SQLException {
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
