package io.tollgate.router.service.backend;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.config.ProvisioningConfig;
import io.tollgate.router.domain.Credentials;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.BackendResolver;
import io.tollgate.router.service.CredentialsResolver;
import io.tollgate.router.service.ResolvedBackend;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static io.tollgate.router.service.backend.BackendRoles.execute;
import static io.tollgate.router.service.backend.BackendRoles.exists;

/**
 * Creates what a DEDICATED tenant's route points at, through an admin login to that server:
 * <ul>
 *   <li>the owner login (the admin access class's), neither superuser nor BYPASSRLS, owning a
 *       database that no other tenant's role may connect to;</li>
 *   <li>the reader and writer logins the tenant names ({@link BackendRoles#CLASS_ATTRIBUTES}), each
 *       granted exactly what its class may do in schema {@code public}, for the tables there now and
 *       (by default privileges) those the owner creates later: the reader {@code SELECT}, the writer
 *       {@code SELECT, INSERT, UPDATE, DELETE} and the use of sequences; neither may create
 *       anything ({@code CREATE} on no schema, {@code TEMPORARY} not on the database);</li>
 *   <li>every login's {@code lock_timeout} and {@code idle_in_transaction_session_timeout}
 *       defaults, from the configuration.</li>
 * </ul>
 * Idempotent: existing roles get their attributes, passwords, limits and grants reset, an
 * existing database its connect grants.
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
        SqlBackend stored = tenant.definition().sqlBackend();
        if (stored.isolationMode() != IsolationMode.DEDICATED) {
            throw new ProvisioningRefusedException("only DEDICATED tenants get a database of their own");
        }
        if (tenant.definition().status() == TenantStatus.DELETING) {
            throw new ProvisioningRefusedException("tenant is being deleted");
        }
        ResolvedBackend backend = resolve(tenant);
        JdbcUrl target = parse(backend.jdbcUrl(), "the tenant's JDBC URL");
        JdbcUrl admin = parse(config.jdbcUrl(), "tollgate.router.provisioning.jdbc-url");
        // Fail closed: never create a tenant's database on a server other than the one it names.
        if (!onServer(target, admin)) {
            throw new ProvisioningRefusedException("the tenant's backend is not on the provisioning server ("
                    + admin.host() + ":" + admin.port() + ")");
        }
        Credentials adminLogin = adminCredentials();
        String owner = backend.credentials().username();
        String database = target.database();
        boolean roleCreated;
        boolean databaseCreated;
        List<ProvisioningReport.ClassLogin> classLogins = new ArrayList<>();
        List<String> sharedClasses = new ArrayList<>();
        try (Connection connection = connections.open(config.jdbcUrl(), adminLogin.username(), adminLogin.password())) {
            roleCreated = BackendRoles.ensureLogin(connection, owner, BackendRoles.OWNER_ATTRIBUTES,
                    backend.credentials().password());
            databaseCreated = ensureDatabase(connection, database, owner);
            BackendRoles.applyLimits(connection, owner, config.lockTimeout(), config.idleInTransactionSessionTimeout());
            for (AccessClass accessClass : new AccessClass[] {AccessClass.READER, AccessClass.WRITER}) {
                if (stored.login(accessClass) == stored.credentials()) {
                    sharedClasses.add(accessClass.wireName());
                    continue;
                }
                Credentials login = backend.login(accessClass);
                boolean created = BackendRoles.ensureLogin(connection, login.username(), BackendRoles.CLASS_ATTRIBUTES,
                        login.password());
                BackendRoles.applyLimits(connection, login.username(), config.lockTimeout(),
                        config.idleInTransactionSessionTimeout());
                // CONNECT only: TEMPORARY stays the owner's, so a class login creates nothing.
                execute(connection, "SELECT format('GRANT CONNECT ON DATABASE %I TO %I', ?, ?)", database,
                        login.username());
                classLogins.add(new ProvisioningReport.ClassLogin(accessClass.wireName(), login.username(), created));
            }
        } catch (SQLException e) {
            throw failed(tenant, e);
        }
        if (!classLogins.isEmpty()) {
            try (Connection connection = connections.open(admin.withDatabase(database), adminLogin.username(),
                    adminLogin.password())) {
                grantClassPrivileges(connection, owner, backend, stored);
            } catch (SQLException e) {
                throw failed(tenant, e);
            }
        }
        LOG.info("tenant {} provisioned by {}: database {} {}, owner {} {}, class logins {}", tenant.id(), actor,
                database, databaseCreated ? "created" : "existed", owner, roleCreated ? "created" : "updated",
                classLogins.stream().map(ProvisioningReport.ClassLogin::role).toList());
        return new ProvisioningReport(tenant.id(), database, databaseCreated, owner, roleCreated, classLogins,
                sharedClasses, check.check(tenant));
    }

    private static ProvisioningRefusedException failed(Tenant tenant, SQLException e) {
        LOG.warn("provisioning tenant {} failed with SQLSTATE {}", tenant.id(), e.getSQLState());
        return new ProvisioningRefusedException("provisioning failed on the server (SQLSTATE " + e.getSQLState()
                + "); the admin login needs CREATEDB and CREATEROLE, and the right to SET ROLE to the roles it creates");
    }

    /** Whether the tenant's backend is on the server that provisioning administers. */
    static boolean onServer(JdbcUrl target, JdbcUrl admin) {
        return target.host().equalsIgnoreCase(admin.host()) && target.port() == admin.port();
    }

    /**
     * In the tenant's database, as its owner (so that the grants are the owner's, which is what
     * default privileges and later REVOKEs by the owner act on): what each class login may do.
     */
    private static void grantClassPrivileges(Connection connection, String owner, ResolvedBackend backend,
                                             SqlBackend stored) throws SQLException {
        execute(connection, "SELECT format('SET ROLE %I', ?)", owner);
        // PostgreSQL 15+ already keeps CREATE on public from PUBLIC; older servers do not.
        execute(connection, "SELECT 'REVOKE CREATE ON SCHEMA public FROM PUBLIC'");
        if (stored.login(AccessClass.READER) != stored.credentials()) {
            String reader = backend.reader().username();
            grant(connection, reader, "USAGE ON SCHEMA public");
            grant(connection, reader, "SELECT ON ALL TABLES IN SCHEMA public");
            grant(connection, reader, "SELECT ON ALL SEQUENCES IN SCHEMA public");
            defaultPrivileges(connection, owner, reader, "SELECT ON TABLES");
            defaultPrivileges(connection, owner, reader, "SELECT ON SEQUENCES");
        }
        if (stored.login(AccessClass.WRITER) != stored.credentials()) {
            String writer = backend.writer().username();
            grant(connection, writer, "USAGE ON SCHEMA public");
            grant(connection, writer, "SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public");
            grant(connection, writer, "USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public");
            defaultPrivileges(connection, owner, writer, "SELECT, INSERT, UPDATE, DELETE ON TABLES");
            defaultPrivileges(connection, owner, writer, "USAGE, SELECT, UPDATE ON SEQUENCES");
        }
        execute(connection, "SELECT 'RESET ROLE'");
    }

    private static void grant(Connection connection, String role, String what) throws SQLException {
        execute(connection, "SELECT format('GRANT " + what + " TO %I', ?)", role);
    }

    private static void defaultPrivileges(Connection connection, String owner, String role, String what)
            throws SQLException {
        execute(connection, "SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA public GRANT " + what
                + " TO %I', ?, ?)", owner, role);
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

    Credentials adminCredentials() {
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

    static JdbcUrl parse(String url, String what) {
        try {
            return JdbcUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningRefusedException(what + " " + e.getMessage());
        }
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
}
