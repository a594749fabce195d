package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.ProvisioningLogin;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.postgres.PasswordCheckedLogins;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@MicronautTest(transactional = false)
class ProvisioningTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";

    private final String sfx = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final String database = "tenant_prov_" + sfx;
    private final String role = "prov_" + sfx;
    // The class logins' test has a database and owner of its own.
    private final String classesDatabase = "tenant_prov_classes_" + sfx;
    private final String owner = "prov_owner_" + sfx;
    private final String reader = "prov_reader_" + sfx;
    private final String writer = "prov_writer_" + sfx;
    private final String password = "pw-prov-" + sfx;

    @Override
    protected Map<String, String> extraProperties() {
        return ProvisioningLogin.properties(db);
    }

    private String tenantUrl() {
        return db.server().jdbcUrl(database);
    }

    @AfterAll
    void dropWhatWasProvisioned() throws Exception {
        try (Connection c = db.server().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("DROP DATABASE IF EXISTS " + classesDatabase + " WITH (FORCE)");
            for (String login : List.of(reader, writer, role + "_r", role + "_w", role, owner)) {
                s.execute("DROP ROLE IF EXISTS " + login);
            }
        }
    }

    @Test
    void aDedicatedTenantGetsItsDatabaseAndALoginRoleThatCannotBypassRowLevelSecurityOnceAndForAll() throws Exception {
        assertEquals(201, admin().post(PATH, Tenants.withClassLogins("prov", tenantUrl(), "DEDICATED", role,
                role + "_r", role + "_w", password)).status());

        Response first = admin().post(PATH + "/prov/provision", null);
        Response second = admin().post(PATH + "/prov/provision", null);

        assertEquals(200, first.status(), first::toString);
        assertEquals(true, first.json().get("databaseCreated"));
        assertEquals(true, first.json().get("roleCreated"));
        assertEquals(200, second.status(), second::toString);
        assertEquals(false, second.json().get("databaseCreated"), "a second run creates nothing");
        assertEquals(false, second.json().get("roleCreated"));
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) second.json().get("check");
        assertEquals("ok", check.get("outcome"), second::toString);
        assertFalse(first.body().contains(password) || second.body().contains(password));

        PasswordCheckedLogins.enable(db);
        try (Connection c = db.server().connect("postgres"); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT rolsuper, rolbypassrls, rolcanlogin, rolcreatedb, rolcreaterole"
                    + " FROM pg_roles WHERE rolname = '" + role + "'")) {
                r.next();
                assertEquals("false,false,true,false,false", r.getBoolean(1) + "," + r.getBoolean(2) + ","
                        + r.getBoolean(3) + "," + r.getBoolean(4) + "," + r.getBoolean(5));
            }
            try (ResultSet r = s.executeQuery("SELECT pg_get_userbyid(datdba), has_database_privilege('public', datname,"
                    + " 'CONNECT') FROM pg_database WHERE datname = '" + database + "'")) {
                r.next();
                assertEquals(role, r.getString(1), "the tenant's role owns its database");
                assertEquals(false, r.getBoolean(2), "no other role may connect to it");
            }
            // The passwords provisioned are the ones the references hold: make the server check them.
            s.execute("GRANT " + PasswordCheckedLogins.GROUP + " TO " + role + ", " + role + "_r, " + role + "_w");
        }
        Response checked = admin().post(PATH + "/prov/check", null);
        assertEquals("ok", checked.json().get("outcome"), checked::toString);
    }

    @Test
    @SuppressWarnings("unchecked")
    void provisioningCreatesAReaderAndAWriterLoginGrantedOnlyWhatTheirClassMayDo() throws Exception {
        assertEquals(201, admin().post(PATH, Tenants.withClassLogins("prov-classes",
                db.server().jdbcUrl(classesDatabase), "DEDICATED", owner, reader, writer, password)).status());
        Response first = admin().post(PATH + "/prov-classes/provision", null);
        assertEquals(200, first.status(), first::toString);
        assertEquals(List.of(Map.of("accessClass", "reader", "role", reader, "created", true),
                Map.of("accessClass", "writer", "role", writer, "created", true)), first.json().get("classLogins"));
        // A table the owner creates after provisioning: default privileges reach it.
        try (Connection c = db.server().connect(classesDatabase); Statement s = c.createStatement()) {
            s.execute("SET ROLE " + owner);
            s.execute("CREATE TABLE IF NOT EXISTS orders (id serial PRIMARY KEY, customer text)");
        }
        Response again = admin().post(PATH + "/prov-classes/provision", null);
        assertEquals(200, again.status(), again::toString);
        assertEquals(false, ((List<Map<String, Object>>) again.json().get("classLogins")).get(0).get("created"));

        try (Connection c = db.server().connect(classesDatabase); Statement s = c.createStatement()) {
            assertEquals("true,false,false,false,false,false,false,false", privileges(s, reader),
                    "a reader may only SELECT and create nothing");
            assertEquals("true,true,true,true,false,false,false,false", privileges(s, writer),
                    "a writer may SELECT, INSERT, UPDATE, DELETE, but not TRUNCATE, REFERENCES or TRIGGER,"
                            + " and create nothing");
            try (ResultSet r = s.executeQuery("SELECT has_sequence_privilege('" + writer + "', 'orders_id_seq', 'USAGE'),"
                    + " has_sequence_privilege('" + reader + "', 'orders_id_seq', 'USAGE')")) {
                r.next();
                assertEquals("true,false", r.getBoolean(1) + "," + r.getBoolean(2));
            }
            try (ResultSet r = s.executeQuery("SELECT rolname, rolinherit, rolsuper, rolbypassrls, rolcreatedb,"
                    + " rolcreaterole, array_to_string(rolconfig, ';') FROM pg_roles WHERE rolname IN ('" + reader
                    + "', '" + writer + "', '" + owner + "') ORDER BY rolname = '" + owner + "', rolname")) {
                List<String> roles = new java.util.ArrayList<>();
                while (r.next()) {
                    roles.add(r.getString(1) + ":" + r.getBoolean(2) + "," + r.getBoolean(3) + "," + r.getBoolean(4)
                            + "," + r.getBoolean(5) + "," + r.getBoolean(6) + "," + r.getString(7));
                }
                String limits = "lock_timeout=5s;idle_in_transaction_session_timeout=30s";
                assertEquals(List.of(reader + ":false,false,false,false,false," + limits,
                        writer + ":false,false,false,false,false," + limits,
                        owner + ":true,false,false,false,false," + limits), roles);
            }
        }
    }

    // SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER on orders; CREATE on public or TEMPORARY.
    private String privileges(Statement s, String login) throws Exception {
        try (ResultSet r = s.executeQuery("SELECT has_table_privilege('" + login + "', 'orders', 'SELECT'),"
                + " has_table_privilege('" + login + "', 'orders', 'INSERT'),"
                + " has_table_privilege('" + login + "', 'orders', 'UPDATE'),"
                + " has_table_privilege('" + login + "', 'orders', 'DELETE'),"
                + " has_table_privilege('" + login + "', 'orders', 'TRUNCATE'),"
                + " has_table_privilege('" + login + "', 'orders', 'REFERENCES'),"
                + " has_table_privilege('" + login + "', 'orders', 'TRIGGER'),"
                + " has_schema_privilege('" + login + "', 'public', 'CREATE')"
                + " OR has_database_privilege('" + login + "', current_database(), 'TEMPORARY')")) {
            r.next();
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= 8; i++) {
                b.append(i == 1 ? "" : ",").append(r.getBoolean(i));
            }
            return b.toString();
        }
    }

    @Test
    void aSharedTenantOrOneOnAnotherServerIsNotProvisioned() {
        admin().post(PATH, Tenants.on("prov-shared", tenantUrl(), "SHARED_RLS", role, password));
        admin().post(PATH, Tenants.on("prov-far", "jdbc:postgresql://elsewhere.example:5432/far", "DEDICATED", "far_app",
                password));

        Response shared = admin().post(PATH + "/prov-shared/provision", null);
        Response far = admin().post(PATH + "/prov-far/provision", null);

        assertEquals(409, shared.status(), shared::toString);
        assertEquals(409, far.status(), far::toString);
        assertEquals("application/problem+json", far.header("Content-Type"));
    }
}
