package io.tollgate.auth.admin;

import io.tollgate.auth.AuthServer;
import io.tollgate.auth.TestSupport;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One auth-service on its own database with the operators and users the admin tests act as:
 * a platform admin, a tenant-admin of the platform tenant, tenant admins of acme and globex, and
 * a reader and a writer.
 */
final class AdminFixture implements AutoCloseable {
    static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"admin@platform","password":"adm1n-password","roles":["platform-admin"]},
              {"username":"ops@platform","password":"0ps-password","roles":["tenant-admin"]},
              {"username":"boss@acme","password":"b0ss-password","roles":["tenant-admin"]},
              {"username":"boss@globex","password":"b0ss-password","roles":["tenant-admin"]},
              {"username":"alice@acme","password":"al1ce-password","roles":["reader"]},
              {"username":"wanda@acme","password":"w4nda-password","roles":["writer"]},
              {"username":"gina@globex","password":"g1na-password","roles":["reader"]}],
             "clients":[
              {"clientId":"etl-acme","secret":"etl-acme-secret-0123456789","tenantId":"acme","roles":["reader"],
               "scopes":["sql"]},
              {"clientId":"etl-globex","secret":"etl-globex-secret-0123456789","tenantId":"globex",
               "roles":["reader"],"scopes":["sql"]}]}""";

    final RegistryDouble router;
    final AuthServer server;
    final AdminClient client;

    AdminFixture() {
        PostgresDatabase db = PostgresDatabase.create();
        router = RegistryDouble.withActiveTenants("acme", "globex", "paged");
        server = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file",
                TestSupport.bootstrapFile(BOOTSTRAP).toString()));
        client = new AdminClient(server);
    }

    String platformAdmin() {
        return client.login("admin@platform", "adm1n-password");
    }

    String acmeAdmin() {
        return client.login("boss@acme", "b0ss-password");
    }

    /** Asserts a 4xx problem document and returns it. */
    static AdminClient.Response assertProblem(int status, AdminClient.Response response) {
        assertEquals(status, response.status(), response.toString());
        assertEquals("application/problem+json", response.header("Content-Type").orElseThrow().split(";")[0],
                response.toString());
        assertEquals(status, ((Number) response.map().get("status")).intValue());
        return response;
    }

    /** Asserts a 400 naming this field. */
    @SuppressWarnings("unchecked")
    static void assertFieldProblem(String field, AdminClient.Response response) {
        assertProblem(400, response);
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.map().get("errors");
        assertEquals(field, errors.get(0).get("field"), response.toString());
    }

    @Override
    public void close() {
        server.close();
        router.close();
    }
}
