package io.tollgate.flight.support;

import io.tollgate.proto.router.v1.ContextSource;
import io.tollgate.proto.router.v1.ContextVariable;
import io.tollgate.proto.router.v1.Credentials;
import io.tollgate.proto.router.v1.IsolationMode;
import io.tollgate.proto.router.v1.PoolLimits;
import io.tollgate.proto.router.v1.SqlBackend;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.postgres.PostgresDatabase;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Tenants living in one real test database, each with a login role of its own (neither superuser
 * nor BYPASSRLS) that owns a schema named after the tenant. What else a tenant's role may see is
 * up to each test's grants.
 */
public final class TenantDatabase {
    private final PostgresDatabase database;

    public TenantDatabase(PostgresDatabase database) {
        this.database = database;
    }

    public PostgresDatabase database() {
        return database;
    }

    /** The role tenant traffic of {@code tenantId} uses; unique to this database. */
    public String role(String tenantId) {
        return tenantId + "_" + database.name();
    }

    /** Creates the tenant's role and its schema (owned by it, first on its search_path). */
    public Tenant addTenant(String tenantId, int maxConnections) throws SQLException {
        String role = role(tenantId);
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN PASSWORD 'pw' NOSUPERUSER NOBYPASSRLS");
            s.execute("CREATE SCHEMA " + tenantId + " AUTHORIZATION " + role);
            s.execute("ALTER ROLE " + role + " IN DATABASE " + database.name() + " SET search_path = " + tenantId);
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        }
        return Tenant.newBuilder()
                .setId(tenantId)
                .setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .setSqlBackend(SqlBackend.newBuilder()
                        .setJdbcUrl(database.jdbcUrl())
                        .setIsolationMode(IsolationMode.ISOLATION_MODE_DEDICATED)
                        .setCredentials(Credentials.newBuilder().setUsername(role).setPassword("pw"))
                        .setPool(PoolLimits.newBuilder().setMaxConnections(maxConnections).setConnectionTimeoutMs(5000)))
                .addContextVariables(ContextVariable.newBuilder().setName("tollgate.tenant_id")
                        .setSource(ContextSource.CONTEXT_SOURCE_TENANT_ID))
                .setRevision(1)
                .build();
    }

    /** Runs SQL as the superuser. */
    public void execute(String... statements) throws SQLException {
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** Runs SQL as the tenant's own role (as its schema's owner). */
    public void executeAs(String tenantId, String... statements) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(database.jdbcUrl(), role(tenantId), "pw");
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
