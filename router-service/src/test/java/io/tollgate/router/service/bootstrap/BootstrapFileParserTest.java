package io.tollgate.router.service.bootstrap;

import io.micronaut.json.JsonMapper;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.PoolLimits;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.S3Storage;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantStatus;
import io.tollgate.router.domain.Warehouse;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BootstrapFileParserTest {
    private final BootstrapFileParser parser = new BootstrapFileParser(JsonMapper.createDefault());

    private static final String EXAMPLE = """
            {"tenants":[{"id":"acme","displayName":"Acme Corp","status":"active","isolationMode":"DEDICATED",
              "jdbcUrl":"jdbc:postgresql://localhost:54329/tenant_acme","username":"acme_app","password":"pw",
              "labels":{"demo":"true"},"contextVariables":[{"name":"tollgate.tenant_id","source":"TENANT_ID"}],
              "quotas":{"maxConcurrentQueries":8,"statementTimeoutMs":30000,"maxResultRows":0,"maxResultBytes":0,
                        "requestsPerSecond":100,"commitsPerMinute":60},
              "warehouses":[{"name":"acme-lake","location":"file:///srv/warehouses/acme"},
                            {"name":"acme-s3","location":"s3://bucket/acme","storage":{"s3":{
                              "endpoint":"https://minio.example:9000","region":"us-east-1","pathStyleAccess":true,
                              "accessKeyId":"ACMEKEY","secretAccessKeyRef":"secret:lake/acme-s3#secret-key"}}}]}]}
            """;

    private String rejection(String json) {
        return assertThrows(BootstrapFileException.class, () -> parser.parse(json)).getMessage();
    }

    private static String tenantWith(String field, String jsonValue) {
        return BootstrapFiles.minimalTenants("acme").replace("\"id\":\"acme\"", "\"id\":\"acme\",\"" + field + "\":" + jsonValue);
    }

    @Test
    void theDocumentedExampleBecomesOneTenantDefinition() {
        TenantDefinition acme = parser.parse(EXAMPLE).get(0);

        assertEquals("acme", acme.id());
        assertEquals("Acme Corp", acme.displayName());
        assertEquals(TenantStatus.ACTIVE, acme.status());
        assertEquals(Map.of("demo", "true"), acme.labels());
        assertEquals(IsolationMode.DEDICATED, acme.sqlBackend().isolationMode());
        assertEquals("jdbc:postgresql://localhost:54329/tenant_acme", acme.sqlBackend().jdbcUrl());
        assertEquals(new CredentialsRef("acme_app", "literal:pw"), acme.sqlBackend().credentials());
        assertEquals(PoolLimits.DEFAULTS, acme.sqlBackend().pool());
        assertEquals(ContextVariable.DEFAULTS, acme.contextVariables());
        assertEquals(new Quotas(8, 30000, 0, 0, 100, 60, 0, 0, 0), acme.quotas());
        assertEquals(List.of(Warehouse.local("acme-lake", "file:///srv/warehouses/acme"),
                new Warehouse("acme-s3", "s3://bucket/acme", new S3Storage("https://minio.example:9000", "us-east-1",
                        true, "ACMEKEY", "secret:lake/acme-s3#secret-key"))), acme.warehouses());
    }

    @Test
    void omittedOptionalFieldsTakeTheirDefaults() {
        TenantDefinition acme = parser.parse(BootstrapFiles.minimalTenants("acme")).get(0);

        assertEquals("acme", acme.displayName());
        assertEquals(TenantStatus.ACTIVE, acme.status());
        assertEquals(Map.of(), acme.labels());
        assertEquals(ContextVariable.DEFAULTS, acme.contextVariables());
        assertEquals(Quotas.SERVICE_DEFAULTS, acme.quotas());
        assertEquals(PoolLimits.DEFAULTS, acme.sqlBackend().pool());
    }

    @Test
    void upstreamsAreReadAndABadOneIsRejectedNamingTheField() {
        String withUpstreams = EXAMPLE.replace("\"isolationMode\":\"DEDICATED\"",
                "\"isolationMode\":\"DEDICATED\",\"upstreams\":[{\"name\":\"trino\",\"url\":\"http://trino:8080\"}]");
        assertEquals(List.of(io.tollgate.router.domain.Upstream.http("trino", "http://trino:8080")),
                parser.parse(withUpstreams).get(0).upstreams());
        String message = rejection(withUpstreams.replace("http://trino:8080", "trino:8080"));
        assertTrue(message.contains("tenants[0].upstreams[0].url"), message);
    }

    @Test
    void anIdThatIsNotASlugIsRejectedNamingTheField() {
        String message = rejection(EXAMPLE.replace("\"id\":\"acme\"", "\"id\":\"Acme_Corp\""));

        assertTrue(message.contains("tenants[0].id"), message);
        assertTrue(message.contains("Acme_Corp"), message);
    }

    @Test
    void anUnknownIsolationModeIsRejectedNamingTheFieldAndTheAllowedValues() {
        String message = rejection(EXAMPLE.replace("DEDICATED", "SHARED"));

        assertTrue(message.contains("tenants[0].isolationMode"), message);
        assertTrue(message.contains("DEDICATED, SHARED_RLS"), message);
    }

    @Test
    void aJdbcUrlForAnotherDatabaseIsRejectedNamingTheField() {
        String message = rejection(EXAMPLE.replace("jdbc:postgresql://", "jdbc:mysql://"));

        assertTrue(message.contains("tenants[0].jdbcUrl"), message);
    }

    @Test
    void missingRequiredFieldsAreAllReportedAtOnce() {
        String message = rejection("{\"tenants\":[{\"id\":\"acme\"}]}");

        for (String field : List.of("isolationMode", "jdbcUrl", "username", "password")) {
            assertTrue(message.contains("tenants[0]." + field + ": required"), message);
        }
    }

    @Test
    void errorsInLaterTenantsNameTheirIndex() {
        String json = BootstrapFiles.minimalTenants("acme", "globex").replace("\"id\":\"globex\"", "\"id\":\"-globex\"");

        assertTrue(rejection(json).contains("tenants[1].id"));
    }

    @Test
    void aDuplicateIdIsRejected() {
        assertTrue(rejection(BootstrapFiles.minimalTenants("acme", "acme")).contains("tenants[1].id: duplicate"));
    }

    @Test
    void anUnknownStatusContextSourceOrNegativeQuotaIsRejectedNamingTheField() {
        assertTrue(rejection(tenantWith("status", "\"paused\"")).contains("tenants[0].status"));
        assertTrue(rejection(tenantWith("contextVariables", "[{\"name\":\"tollgate.x\",\"source\":\"HEADER\"}]"))
                .contains("tenants[0].contextVariables[0].source"));
        assertTrue(rejection(tenantWith("contextVariables", "[{\"name\":\"tollgate.x\",\"source\":\"CLAIM\"}]"))
                .contains("tenants[0].contextVariables[0].claim"));
        assertTrue(rejection(tenantWith("contextVariables", "[{\"name\":\"x; drop\",\"source\":\"SUBJECT\"}]"))
                .contains("tenants[0].contextVariables[0].name"));
        assertTrue(rejection(tenantWith("quotas", "{\"maxResultRows\":-1}")).contains("tenants[0].quotas.maxResultRows"));
    }

    @Test
    void aMisspeltPropertyIsRejectedRatherThanIgnored() {
        String message = rejection(tenantWith("contextVariable", "[]"));

        assertTrue(message.contains("contextVariable"), message);
    }

    @Test
    void malformedJsonAndAMissingTenantsListAreRejected() {
        assertTrue(rejection("{\"tenants\":[").startsWith("not a valid bootstrap document"));
        assertTrue(rejection("{}").contains("tenants: required"));
    }

    @Test
    void passwordsAndUrlsNeverAppearInMessages() {
        String json = BootstrapFiles.minimalTenants("acme")
                .replace("jdbc:postgresql://localhost:5432/shared", "jdbc:oracle://db?password=url-secret")
                .replace("\"id\":\"acme\"", "\"id\":\"acme\",\"status\":\"nope\"");

        String message = rejection(json);

        assertFalse(message.contains("secret"), message);
    }

    @Test
    void aMissingFileIsReportedWithItsPath() {
        Path missing = Path.of("/nonexistent/tenants.json");

        String message = assertThrows(BootstrapFileException.class, () -> parser.parse(missing)).getMessage();

        assertTrue(message.contains("/nonexistent/tenants.json"), message);
    }

    @Test
    void classLoginsAreReadAndAClassLeftOutRunsAsTheOwnerLogin() {
        TenantDefinition acme = parser.parse(tenantWith("logins",
                "{\"reader\":{\"username\":\"acme_reader\",\"password\":\"pw-r\"}}")).get(0);

        assertEquals(new CredentialsRef("acme_reader", "literal:pw-r"), acme.sqlBackend().logins().reader());
        assertNull(acme.sqlBackend().logins().writer());
        assertEquals(acme.sqlBackend().credentials(),
                acme.sqlBackend().login(io.tollgate.common.auth.AccessClass.WRITER));
    }

    @Test
    void aClassLoginWithoutUsernameOrPasswordIsRefusedByItsPath() {
        String message = rejection(tenantWith("logins", "{\"writer\":{\"password\":\"pw-secret-w\"},"
                + "\"reader\":{\"username\":\"acme_reader\"}}"));

        assertTrue(message.contains("tenants[0].logins.writer.username: required"), message);
        assertTrue(message.contains("tenants[0].logins.reader.password: required"), message);
        assertFalse(message.contains("pw-secret-w"), message);
    }
}
