package io.tollgate.router.service.backend;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.config.ProvisioningConfig;
import io.tollgate.router.domain.Credentials;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.service.BackendResolver;
import io.tollgate.router.service.ResolvedBackend;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sets a tenant login's password back to the one the registry holds, when a data service reports
 * that PostgreSQL refused it. Any login may change its own password ({@code ALTER ROLE CURRENT_USER
 * PASSWORD}), and a DEDICATED tenant's admin can run SQL the gateway never sees, so a tenant could
 * otherwise lock the platform out of its own pools. The platform owns these passwords: this puts
 * them back, through the provisioning login, as a SCRAM verifier (never in SQL text).
 * <p>
 * Only where router-service provisions: the login's server must be the provisioning server (a
 * DEDICATED tenant's, or a shared database's on it). At most once per tenant login (so at most
 * three times per tenant) per {@code reassert-interval}, so that a tenant changing its password in
 * a loop costs the server one ALTER ROLE per interval, not one per refused connection.
 */
@Singleton
public class LoginReassertion {
    private static final Logger LOG = LoggerFactory.getLogger(LoginReassertion.class);

    @Nullable
    private final ProvisioningConfig config;
    private final TenantRegistry registry;
    private final BackendResolver backends;
    private final BackendConnections connections;
    private final BackendProvisioner provisioner;
    private final Clock clock;
    private final ConcurrentHashMap<String, Instant> lastReasserted = new ConcurrentHashMap<>();

    LoginReassertion(@Nullable ProvisioningConfig config, TenantRegistry registry, BackendResolver backends,
                     BackendConnections connections, BackendProvisioner provisioner) {
        this.config = config;
        this.registry = registry;
        this.backends = backends;
        this.connections = connections;
        this.provisioner = provisioner;
        this.clock = Clock.systemUTC();
    }

    /**
     * @return the login whose password was set
     * @throws ProvisioningUnavailableException when provisioning is not configured
     * @throws ProvisioningRefusedException     when this login is not router-service's to reset
     * @throws ReassertTooSoonException         when the tenant's logins were re-asserted moments ago
     * @throws TenantNotFoundException          for an unknown tenant
     */
    public String reassert(String tenantId, AccessClass accessClass) {
        if (config == null) {
            throw new ProvisioningUnavailableException();
        }
        Tenant tenant = registry.resolve(tenantId).orElseThrow(TenantNotFoundException::new);
        if (tenant.definition().status() != TenantStatus.ACTIVE) {
            throw new ProvisioningRefusedException("tenant is not active");
        }
        ResolvedBackend backend = backends.resolve(tenant.definition().sqlBackend());
        JdbcUrl target = BackendProvisioner.parse(backend.jdbcUrl(), "the tenant's JDBC URL");
        JdbcUrl admin = BackendProvisioner.parse(config.jdbcUrl(), "tollgate.router.provisioning.jdbc-url");
        if (!BackendProvisioner.onServer(target, admin)) {
            throw new ProvisioningRefusedException("the tenant's backend is not on the provisioning server");
        }
        Instant now = clock.instant();
        Instant[] previous = new Instant[1];
        lastReasserted.compute(tenantId + "/" + accessClass.wireName(), (id, last) -> {
            previous[0] = last;
            return last != null && last.plus(config.reassertInterval()).isAfter(now) ? last : now;
        });
        if (previous[0] != null && previous[0].plus(config.reassertInterval()).isAfter(now)) {
            throw new ReassertTooSoonException();
        }
        Credentials login = backend.login(accessClass);
        Credentials adminLogin = provisioner.adminCredentials();
        try (Connection connection = connections.open(config.jdbcUrl(), adminLogin.username(), adminLogin.password())) {
            // Never a role that could bypass row-level security, whatever the registry says.
            if (BackendRoles.exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ? AND (rolsuper OR rolbypassrls)",
                    login.username())) {
                throw new ProvisioningRefusedException("the login is a superuser or BYPASSRLS");
            }
            if (!BackendRoles.exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", login.username())) {
                throw new ProvisioningRefusedException("the login does not exist: provision the tenant");
            }
            BackendRoles.setPassword(connection, login.username(), login.password());
            BackendRoles.applyLimits(connection, login.username(), config.lockTimeout(),
                    config.idleInTransactionSessionTimeout());
        } catch (SQLException e) {
            LOG.warn("re-asserting tenant {}'s {} login failed with SQLSTATE {}", tenantId, accessClass.wireName(),
                    e.getSQLState());
            throw new ProvisioningRefusedException("re-asserting the login failed on the server (SQLSTATE "
                    + e.getSQLState() + ")");
        }
        LOG.warn("tenant {}: the {} login {} was refused by its backend; its password was set again", tenantId,
                accessClass.wireName(), login.username());
        return login.username();
    }
}
