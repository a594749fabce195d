package io.tollgate.testkit.suite;

import io.tollgate.testkit.postgres.PostgresServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Prepares the demo's databases, idempotently: the services' own database, acme's dedicated
 * database and the shared database that globex reaches through row-level security. Every tenant
 * logs in as a role of its own that is neither superuser nor BYPASSRLS; in the shared database that
 * role is registered as the tenant's, which is what row-level security filters on.
 */
public final class DemoProvisioner {
    /** The database the four services keep their own schemas in (before any suffix). */
    public static final String SERVICES_DATABASE = "tollgate";
    /** The database shared by SHARED_RLS tenants (before any suffix). */
    public static final String SHARED_DATABASE = "tenants_shared";

    private final PostgresServer postgres;
    private final DemoSecrets secrets;
    private final Path sharedRlsSetup;
    private final String suffix;

    /**
     * @param databaseSuffix appended to every database name, so that several suites (tests) can
     *                       share one server without seeing each other's data; empty for the demo
     */
    public DemoProvisioner(PostgresServer postgres, DemoSecrets secrets, Path repositoryRoot, String databaseSuffix) {
        this.postgres = postgres;
        this.secrets = secrets;
        this.sharedRlsSetup = repositoryRoot.resolve("deploy/sql/shared-rls-setup.sql");
        this.suffix = databaseSuffix;
    }

    public String servicesDatabase() {
        return SERVICES_DATABASE + suffix;
    }

    public String sharedDatabase() {
        return SHARED_DATABASE + suffix;
    }

    /** The database that holds a tenant's rows. */
    public String databaseOf(DemoTenant tenant) {
        return (tenant.sharedRls() ? SHARED_DATABASE : tenant.database()) + suffix;
    }

    /** The role a tenant's traffic logs in as. */
    public static String roleOf(DemoTenant tenant) {
        return tenant.id().replace('-', '_') + "_app";
    }

    /** The password of that role. */
    public String rolePassword(DemoTenant tenant) {
        return secrets.get("role." + roleOf(tenant) + ".password");
    }

    public void provision(List<DemoTenant> tenants) throws SQLException, IOException {
        postgres.createDatabase(servicesDatabase());
        postgres.createDatabase(sharedDatabase());
        try (Connection c = postgres.connect(sharedDatabase()); Statement s = c.createStatement()) {
            s.execute(Files.readString(sharedRlsSetup));
            s.execute("""
                    CREATE TABLE IF NOT EXISTS public.orders (
                        tenant_id  text          NOT NULL DEFAULT tollgate.current_tenant(),
                        id         bigint        NOT NULL,
                        customer   text          NOT NULL,
                        amount     numeric(12,2) NOT NULL,
                        created_at timestamptz   NOT NULL DEFAULT now(),
                        PRIMARY KEY (tenant_id, id))""");
            s.execute("SELECT tollgate.protect('public.orders', 'tenant_id')");
        }
        for (DemoTenant tenant : tenants) {
            ensureRole(roleOf(tenant), rolePassword(tenant));
            if (tenant.sharedRls()) {
                seedShared(tenant);
            } else {
                seedDedicated(tenant);
            }
        }
    }

    private void ensureRole(String role, String password) throws SQLException {
        requirePlain(role);
        requirePlain(password);
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
            s.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE PASSWORD '"
                    + password + "'");
        }
    }

    private void seedDedicated(DemoTenant tenant) throws SQLException {
        String database = databaseOf(tenant);
        postgres.createDatabase(database);
        String role = roleOf(tenant);
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT ON DATABASE " + database + " TO " + role);
            s.execute("""
                    CREATE TABLE IF NOT EXISTS public.orders (
                        id         bigint        PRIMARY KEY,
                        customer   text          NOT NULL,
                        amount     numeric(12,2) NOT NULL,
                        created_at timestamptz   NOT NULL DEFAULT now())""");
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON public.orders TO " + role);
            insertOrders(c, "INSERT INTO public.orders (id, customer, amount) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    null, tenant.customers());
        }
    }

    private void seedShared(DemoTenant tenant) throws SQLException {
        String role = roleOf(tenant);
        try (Connection c = postgres.connect(sharedDatabase()); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON DATABASE " + sharedDatabase() + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + sharedDatabase() + " TO " + role);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON public.orders TO " + role);
            s.execute("SELECT tollgate.register_tenant_role('" + tenant.id() + "', '" + role + "')");
            insertOrders(c, "INSERT INTO public.orders (tenant_id, id, customer, amount) VALUES (?, ?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", tenant.id(), tenant.customers());
        }
    }

    private static void insertOrders(Connection c, String sql, String tenantId, List<String> customers)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < customers.size(); i++) {
                int column = 1;
                if (tenantId != null) {
                    insert.setString(column++, tenantId);
                }
                insert.setLong(column++, i + 1);
                insert.setString(column++, customers.get(i));
                insert.setBigDecimal(column, java.math.BigDecimal.valueOf(100L * (i + 1) + 0.5));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void requirePlain(String value) {
        if (!value.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("not a plain identifier or secret");
        }
    }
}
