package io.tollgate.auth.admin;

import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.config.Argon2Config;
import io.tollgate.auth.service.PasswordHasher;
import io.tollgate.common.auth.Principal;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A database whose service clients were created while ids were one namespace across tenants
 * (schema version 5) is migrated at start-up: each client becomes {@code name@tenant}, its bare id
 * keeps working as credentials, and the admin API finds it by either id.
 */
class ClientIdMigrationTest {
    private static final String SECRET = "legacy-secret-0123456789";

    @Test
    void clientsCreatedBeforeIdsWereNamespacedKeepTheirBareIdAndBecomeNameAtTenant() throws Exception {
        PostgresDatabase db = PostgresDatabase.create();
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password()).schemas("auth")
                .defaultSchema("auth").createSchemas(true).locations("classpath:db/migration").target("5").load()
                .migrate();
        String hash = new PasswordHasher(new Argon2Config(1024, 1, 1)).hash(SECRET);
        try (Connection c = db.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO auth.clients (client_id, tenant_id, secret_hash, roles, scopes) "
                        + "VALUES (?, ?, ?, '{reader}', '{sql}')")) {
            for (String[] client : new String[][] {{"etl", "acme"}, {"loader.v2", "globex"}}) {
                insert.setString(1, client[0]);
                insert.setString(2, client[1]);
                insert.setString(3, hash);
                insert.executeUpdate();
            }
        }

        try (RegistryDouble router = RegistryDouble.withActiveTenants("acme", "globex");
             AuthServer server = AuthServer.start(db, router, Map.of(
                     "tollgate.auth.bootstrap-file", io.tollgate.auth.TestSupport.bootstrapFile("""
                             {"accounts":[{"username":"boss@acme","password":"b0ss-password",
                                           "roles":["tenant-admin"]}]}""").toString()))) {
            assertEquals(Map.of("etl@acme", "etl", "loader.v2@globex", "loader.v2"), ids(db));

            OAuthClient oauth = new OAuthClient(server);
            for (String id : List.of("etl", "etl@acme")) {
                OAuthClient.Response granted = oauth.post("/oauth2/token", form("grant_type", "client_credentials",
                        "client_id", id, "client_secret", SECRET));
                assertEquals(200, granted.status(), granted.toString());
                Principal principal = server.verifier().verify(granted.string("access_token"));
                assertEquals("etl@acme", principal.subject(), "tokens speak for the namespaced id");
            }
            assertEquals(401, oauth.post("/oauth2/token", form("grant_type", "client_credentials",
                    "client_id", "etl@globex", "client_secret", SECRET)).status());

            AdminClient admin = new AdminClient(server);
            String boss = admin.login("boss@acme", "b0ss-password");
            assertEquals("etl@acme", admin.get(boss, "/admin/v1/clients/etl").map().get("clientId"));
            assertEquals("etl@acme", admin.get(boss, "/admin/v1/clients/etl@acme").map().get("clientId"));
            assertEquals(404, admin.get(boss, "/admin/v1/clients/loader.v2").status());
            assertEquals(409, admin.post(boss, "/admin/v1/clients", Map.of("clientId", "etl", "tenantId", "acme",
                    "roles", List.of("reader"), "scopes", List.of("sql"))).status());
        }

        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            assertThrows(SQLException.class, () -> s.executeUpdate("INSERT INTO auth.clients "
                    + "(client_id, tenant_id, secret_hash, roles, scopes) VALUES ('x@globex', 'acme', 'h', '{}', '{}')"),
                    "an id names its own tenant");
        }
    }

    private static Map<String, String> ids(PostgresDatabase db) throws SQLException {
        Map<String, String> ids = new java.util.TreeMap<>();
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT client_id, legacy_client_id FROM auth.clients")) {
            while (rs.next()) {
                ids.put(rs.getString(1), rs.getString(2));
            }
        }
        return ids;
    }
}
