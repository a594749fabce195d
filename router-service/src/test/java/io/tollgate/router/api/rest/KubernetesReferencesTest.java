package io.tollgate.router.api.rest;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.KubernetesApiStandIn;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** secret: and service: references read from a Kubernetes API server (a stand-in speaking its REST API). */
@MicronautTest(transactional = false)
class KubernetesReferencesTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";
    private static final String SA_TOKEN = "service-account-token-for-tests";

    private final KubernetesApiStandIn kubernetes = new KubernetesApiStandIn();
    private final Path tokenFile = writeToken();

    private static Path writeToken() {
        try {
            Path file = Files.createTempFile("sa-token-", "");
            Files.writeString(file, SA_TOKEN);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("tollgate.router.kubernetes.enabled", "true");
        // Read at every use, so that the tests can change what the API server answers.
        properties.put("tollgate.router.kubernetes.secret-cache-ttl", "0s");
        properties.put("kubernetes.client.base-path", kubernetes.url());
        properties.put("kubernetes.client.token-path", tokenFile.toString());
        properties.put("kubernetes.client.verify-ssl", "false");
        return properties;
    }

    @AfterAll
    void stopStandIn() throws IOException {
        kubernetes.close();
        Files.deleteIfExists(tokenFile);
    }

    private static String tenant(String id, String jdbcUrl, String passwordRef) {
        return """
                {"id":"%s","sqlBackend":{"jdbcUrl":"%s","isolationMode":"DEDICATED",
                   "credentials":{"username":"%s_app","passwordRef":"%s"}}}"""
                .formatted(id, jdbcUrl, id.replace('-', '_'), passwordRef);
    }

    private Tenant resolve(String id) {
        return RouterServiceGrpc.newBlockingStub(channel())
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(id).build()).getTenant();
    }

    @Test
    void aSecretReferenceIsReadFromItsSecretWhenTheRouteIsServedAndNeverShownByTheAdminApi() {
        kubernetes.secret("tenants", "acme-db", Map.of("password", "k8s-secret-value-1", "other", "x"));

        Response created = admin().post(PATH, tenant("k8s-acme", "jdbc:postgresql://db.example:5432/acme",
                "secret:tenants/acme-db#password"));

        assertEquals(201, created.status(), created::toString);
        assertEquals("k8s-secret-value-1", resolve("k8s-acme").getSqlBackend().getCredentials().getPassword());
        Response read = admin().get(PATH + "/k8s-acme");
        JsonBody.parse(read.body()).assertEquals("/sqlBackend/credentials/passwordRef", "secret:tenants/acme-db#password");
        for (Response response : List.of(created, read, admin().get(PATH), admin().get(PATH + "/k8s-acme/history"))) {
            assertFalse(response.body().contains("k8s-secret-value-1"), response.body());
        }
        assertTrue(kubernetes.requests().contains("GET /api/v1/namespaces/tenants/secrets/acme-db"));
        assertTrue(kubernetes.authorizations().stream().allMatch(("Bearer " + SA_TOKEN)::equals),
                "every call carries the service account's token");
    }

    @Test
    void aWarehousesSecretKeyIsReadFromItsSecretForCatalogServiceAndNeverShownByTheAdminApi() {
        kubernetes.secret("lake", "acme-s3", Map.of("secret-key", "k8s-s3-secret-value"));
        kubernetes.secret("tenants", "s3-owner-db", Map.of("password", "pw"));
        String body = tenant("k8s-lake", "jdbc:postgresql://db.example:5432/lake", "secret:tenants/s3-owner-db#password")
                .replaceFirst("}$", """
                        ,"warehouses":[{"name":"lake","location":"s3://lake/acme","storage":{"s3":{
                          "region":"us-east-1","accessKeyId":"ACMEKEY","secretAccessKeyRef":"secret:lake/acme-s3#secret-key"}}}]}""");

        Response created = admin().post(PATH, body);

        assertEquals(201, created.status(), created::toString);
        ManagedChannel catalog = InternalCertificates.shared().channel(grpcPort(), "catalog-service", "router-service");
        try {
            Tenant route = RouterServiceGrpc.newBlockingStub(catalog).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("k8s-lake").build()).getTenant();
            assertEquals("k8s-s3-secret-value", route.getWarehouses(0).getStorage().getS3().getKeys().getSecretAccessKey());
        } finally {
            catalog.shutdownNow();
        }
        assertFalse(resolve("k8s-lake").getWarehouses(0).getStorage().getS3().hasKeys(), "flight-service is not shown it");
        Response read = admin().get(PATH + "/k8s-lake");
        JsonBody.parse(read.body()).assertEquals("/warehouses/0/storage/s3/secretAccessKeyRef",
                "secret:lake/acme-s3#secret-key");
        for (Response response : List.of(created, read, admin().get(PATH + "/k8s-lake/history"))) {
            assertFalse(response.body().contains("k8s-s3-secret-value"), response.body());
        }
        assertTrue(kubernetes.requests().contains("GET /api/v1/namespaces/lake/secrets/acme-s3"));
    }

    @Test
    void aSecretRotatedInKubernetesIsServedWithoutAnyRegistryChange() {
        kubernetes.secret("tenants", "rotating", Map.of("password", "before-rotation"));
        admin().post(PATH, tenant("k8s-rotating", "jdbc:postgresql://db.example:5432/r", "secret:tenants/rotating#password"));
        assertEquals("before-rotation", resolve("k8s-rotating").getSqlBackend().getCredentials().getPassword());

        kubernetes.secret("tenants", "rotating", Map.of("password", "after-rotation"));

        assertEquals("after-rotation", resolve("k8s-rotating").getSqlBackend().getCredentials().getPassword());
    }

    @Test
    void aReferenceToAMissingSecretAKeyItLacksOrASecretTheRouterMayNotReadIsRefusedNamingTheField() {
        kubernetes.secret("tenants", "partial", Map.of("username", "u"));
        kubernetes.answer("tenants", "locked", 403);

        for (String ref : List.of("secret:tenants/absent#password", "secret:tenants/partial#password",
                "secret:tenants/locked#password")) {
            Response response = admin().post(PATH, tenant("k8s-bad", "jdbc:postgresql://db.example:5432/b", ref));

            assertEquals(400, response.status(), response::toString);
            assertEquals(List.of("sqlBackend.credentials.passwordRef"), response.problemFields());
        }
        assertEquals(404, admin().get(PATH + "/k8s-bad").status());
    }

    @Test
    void aServiceHostIsServedAsTheServicesClusterAddress() {
        kubernetes.service("databases", "pg-main", "10.96.12.34", 5432);
        kubernetes.secret("tenants", "svc-db", Map.of("password", "svc-pw"));

        Response created = admin().post(PATH, tenant("k8s-svc", "jdbc:postgresql://service:pg-main.databases:5432/svc",
                "secret:tenants/svc-db#password"));
        Response wrongPort = admin().post(PATH, tenant("k8s-svc-port",
                "jdbc:postgresql://service:pg-main.databases:6543/svc", "secret:tenants/svc-db#password"));

        assertEquals(201, created.status(), created::toString);
        assertEquals("jdbc:postgresql://10.96.12.34:5432/svc", resolve("k8s-svc").getSqlBackend().getJdbcUrl());
        assertEquals(400, wrongPort.status(), wrongPort::toString);
        assertEquals(List.of("sqlBackend.jdbcUrl"), wrongPort.problemFields());
    }

    @Test
    void whenTheApiServerFailsARouteIsNotServedRatherThanServedWithoutItsPassword() {
        kubernetes.secret("tenants", "flaky", Map.of("password", "flaky-pw"));
        admin().post(PATH, tenant("k8s-flaky", "jdbc:postgresql://db.example:5432/f", "secret:tenants/flaky#password"));

        kubernetes.answer("tenants", "flaky", 500);
        try {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> resolve("k8s-flaky"));
            assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
            Response check = admin().post(PATH + "/k8s-flaky/check", null);
            assertEquals("unresolvable", check.json().get("outcome"), check::toString);
        } finally {
            kubernetes.clearAnswer("tenants", "flaky");
        }
        assertEquals("flaky-pw", resolve("k8s-flaky").getSqlBackend().getCredentials().getPassword());
    }
}
