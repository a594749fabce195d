package io.tollgate.testkit.suite;

import io.tollgate.common.auth.AccessClass;
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
 * has one login per access class (reader, writer, admin), none superuser or BYPASSRLS, each granted
 * only what its class may do, as router-service's provisioning and the shared-database setup grant
 * them; in the shared database every login is registered as the tenant's, which is what row-level
 * security filters on.
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

    /** The limits every demo login starts its sessions with (as provisioning's defaults). */
    private static final String LOCK_TIMEOUT = "5s";
    private static final String IDLE_IN_TRANSACTION_TIMEOUT = "30s";

    /** A tenant's owner login, which its admin access class runs as. */
    public static String roleOf(DemoTenant tenant) {
        return loginOf(tenant, AccessClass.ADMIN);
    }

    /** The login a tenant's access class runs as: {@code <id>_reader}, {@code <id>_writer}, {@code <id>_app}. */
    public static String loginOf(DemoTenant tenant, AccessClass accessClass) {
        String prefix = tenant.id().replace('-', '_');
        return prefix + (accessClass == AccessClass.ADMIN ? "_app" : "_" + accessClass.wireName());
    }

    /** The password of the owner login. */
    public String rolePassword(DemoTenant tenant) {
        return loginPassword(tenant, AccessClass.ADMIN);
    }

    /** The password of an access class's login. */
    public String loginPassword(DemoTenant tenant, AccessClass accessClass) {
        return secrets.get("role." + loginOf(tenant, accessClass) + ".password");
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
            for (AccessClass accessClass : AccessClass.values()) {
                ensureRole(loginOf(tenant, accessClass), loginPassword(tenant, accessClass),
                        accessClass != AccessClass.ADMIN);
            }
            if (tenant.sharedRls()) {
                seedShared(tenant);
            } else {
                seedDedicated(tenant);
            }
        }
    }

    /**
     * @param classLogin a reader's or writer's login: NOINHERIT, so that a membership granted to it
     *                   brings nothing unless the session SETs the role
     */
    private void ensureRole(String role, String password, boolean classLogin) throws SQLException {
        requirePlain(role);
        requirePlain(password);
        try (Connection c = postgres.connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + role + "') THEN "
                    + "CREATE ROLE " + role + " LOGIN; END IF; END $$");
            s.execute("ALTER ROLE " + role + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION "
                    + (classLogin ? "NOINHERIT" : "INHERIT") + " PASSWORD '" + password + "'");
            s.execute("ALTER ROLE " + role + " SET lock_timeout = '" + LOCK_TIMEOUT + "'");
            s.execute("ALTER ROLE " + role + " SET idle_in_transaction_session_timeout = '"
                    + IDLE_IN_TRANSACTION_TIMEOUT + "'");
        }
    }

    // As provisioning does: the owner login owns the database and its tables; the reader and
    // writer logins may connect (not create temporary tables) and get their class's privileges on
    // the tables there now and, by default privileges, on those the owner creates later.
    private void seedDedicated(DemoTenant tenant) throws SQLException {
        String database = databaseOf(tenant);
        postgres.createDatabase(database);
        String owner = roleOf(tenant);
        String reader = loginOf(tenant, AccessClass.READER);
        String writer = loginOf(tenant, AccessClass.WRITER);
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + database + " OWNER TO " + owner);
            s.execute("REVOKE ALL ON DATABASE " + database + " FROM PUBLIC");
            s.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + database + " TO " + owner);
            s.execute("GRANT CONNECT ON DATABASE " + database + " TO " + reader + ", " + writer);
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("GRANT USAGE ON SCHEMA public TO " + reader + ", " + writer);
            s.execute("""
                    CREATE TABLE IF NOT EXISTS public.orders (
                        id         bigint        PRIMARY KEY,
                        customer   text          NOT NULL,
                        amount     numeric(12,2) NOT NULL,
                        created_at timestamptz   NOT NULL DEFAULT now())""");
            s.execute("ALTER TABLE public.orders OWNER TO " + owner);
            s.execute("SET ROLE " + owner);
            s.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + reader);
            s.execute("GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO " + reader);
            s.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO " + writer);
            s.execute("GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO " + writer);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT SELECT ON TABLES TO "
                    + reader);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public GRANT SELECT ON SEQUENCES TO "
                    + reader);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO " + writer);
            s.execute("ALTER DEFAULT PRIVILEGES FOR ROLE " + owner + " IN SCHEMA public"
                    + " GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO " + writer);
            s.execute("RESET ROLE");
            insertOrders(c, "INSERT INTO public.orders (id, customer, amount) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    null, tenant.customers());
        }
    }

    // Registering a login grants it CONNECT (no TEMPORARY) and its class's privileges on every
    // protected table (shared-rls-setup.sql).
    private void seedShared(DemoTenant tenant) throws SQLException {
        try (Connection c = postgres.connect(sharedDatabase()); Statement s = c.createStatement()) {
            s.execute("REVOKE ALL ON DATABASE " + sharedDatabase() + " FROM PUBLIC");
            for (AccessClass accessClass : AccessClass.values()) {
                s.execute("SELECT tollgate.register_tenant_login('" + tenant.id() + "', '"
                        + loginOf(tenant, accessClass) + "', '" + accessClass.wireName() + "')");
            }
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
