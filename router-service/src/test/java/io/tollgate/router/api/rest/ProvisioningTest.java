package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.PasswordCheckedLogins;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
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
    private final String password = "pw-prov-" + sfx;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("tollgate.router.provisioning.jdbc-url", db.server().jdbcUrl("postgres"));
        properties.put("tollgate.router.provisioning.username", db.username());
        properties.put("tollgate.router.provisioning.password-ref", "literal:" + db.password());
        return properties;
    }

    private String tenantUrl() {
        return db.server().jdbcUrl(database);
    }

    @AfterAll
    void dropWhatWasProvisioned() throws Exception {
        try (Connection c = db.server().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void aDedicatedTenantGetsItsDatabaseAndALoginRoleThatCannotBypassRowLevelSecurityOnceAndForAll() throws Exception {
        assertEquals(201, admin().post(PATH, Tenants.on("prov", tenantUrl(), "DEDICATED", role, password)).status());

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
            // The password provisioned is the one the reference holds: make the server check it.
            s.execute("GRANT " + PasswordCheckedLogins.GROUP + " TO " + role);
        }
        Response checked = admin().post(PATH + "/prov/check", null);
        assertEquals("ok", checked.json().get("outcome"), checked::toString);
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
