package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.json.JsonBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TenantAdminApiTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";

    private Response create(String id, String password) {
        Response created = admin().post(PATH, Tenants.withPassword(id, password));
        assertEquals(201, created.status(), created::toString);
        return created;
    }

    private String grpcPassword(String id) {
        return RouterServiceGrpc.newBlockingStub(channel())
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(id).build())
                .getTenant().getSqlBackend().getCredentials().getPassword();
    }

    @Test
    void aPlatformAdminCreatesATenantAndReadsItBackWithItsRevisionAsTheETag() {
        Response created = create("acme", "pw-acme-1");
        Response read = admin().get(PATH + "/acme");

        assertEquals(200, read.status());
        Map<String, Object> tenant = read.json();
        assertEquals("acme", tenant.get("id"));
        assertEquals("acme Inc", tenant.get("displayName"));
        assertEquals("active", tenant.get("status"));
        assertEquals("\"" + ((Number) tenant.get("revision")).longValue() + "\"", read.etag());
        assertEquals(created.etag(), read.etag());
        assertEquals("/admin/v1/tenants/acme", created.header("Location"));
        assertEquals("pw-acme-1", grpcPassword("acme"), "the route carries the password; the admin API does not");
    }

    @Test
    void upstreamsAreStoredShownAndRoutedAndBadOnesAreRefusedByField() {
        String withUpstreams = Tenants.withPassword("endframe", "pw-endframe-1").replaceFirst("}$",
                ",\"upstreams\":[{\"name\":\"trino\",\"url\":\"https://trino.endframe.example:8443\"}]}");
        assertEquals(201, admin().post(PATH, withUpstreams).status());
        Response read = admin().get(PATH + "/endframe");
        JsonBody.parse(read.body()).assertEquals("/upstreams",
                List.of(Map.of("name", "trino", "kind", "HTTP", "url", "https://trino.endframe.example:8443")));
        var routed = RouterServiceGrpc.newBlockingStub(channel())
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("endframe").build()).getTenant();
        assertEquals(1, routed.getUpstreamsCount());
        assertEquals("trino", routed.getUpstreams(0).getName());
        assertEquals("https://trino.endframe.example:8443", routed.getUpstreams(0).getUrl());

        String bad = Tenants.withPassword("raviga", "pw-raviga-1").replaceFirst("}$",
                ",\"upstreams\":[{\"name\":\"trino\",\"url\":\"ftp://x\"},{\"name\":\"Trino\",\"url\":\"https://u:p@x\"}]}");
        Response refused = admin().post(PATH, bad);
        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.problemFields().containsAll(java.util.List.of("upstreams[0].url", "upstreams[1].name",
                "upstreams[1].url")), refused.body());
    }

    @Test
    void readsShowTheCredentialsReferenceKindButNeverThePassword() {
        create("initech", "s3cr3t-initech-pw");

        for (Response response : List.of(admin().get(PATH + "/initech"), admin().get(PATH),
                admin().get(PATH + "/initech/history"))) {
            assertEquals(200, response.status());
            assertFalse(response.body().contains("s3cr3t-initech-pw"), response.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> credentials = (Map<String, Object>) ((Map<String, Object>) admin().get(PATH + "/initech")
                .json().get("sqlBackend")).get("credentials");
        assertEquals(Map.of("username", "initech_app", "passwordRef", "literal:***"), credentials);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a bad slug                  | \"id\":\"soylent\"                        | \"id\":\"Soylent_Corp\"                          | id",
            "a JDBC URL for MySQL        | jdbc:postgresql://db.example:5432/shared  | jdbc:mysql://db.example:3306/shared             | sqlBackend.jdbcUrl",
            "a JDBC URL without database | jdbc:postgresql://db.example:5432/shared  | jdbc:postgresql://db.example:5432/              | sqlBackend.jdbcUrl",
            "a JDBC URL with a password  | jdbc:postgresql://db.example:5432/shared  | jdbc:postgresql://db.example/shared?password=x  | sqlBackend.jdbcUrl",
            "an unknown isolation mode   | SHARED_RLS                                | POOLED                                           | sqlBackend.isolationMode",
            "an unknown status           | \"labels\"                               | \"status\":\"paused\",\"labels\"                 | status",
            "a negative quota            | \"maxConcurrentQueries\":4               | \"maxConcurrentQueries\":-4                     | quotas.maxConcurrentQueries",
            "a bad context variable name | \"labels\"                               | \"contextVariables\":[{\"name\":\"x; drop\",\"source\":\"TENANT_ID\"}],\"labels\" | contextVariables[0].name",
            "a CLAIM variable with no claim | \"labels\"                            | \"contextVariables\":[{\"name\":\"tollgate.r\",\"source\":\"CLAIM\"}],\"labels\"  | contextVariables[0].claim",
            "an unknown context source   | \"labels\"                               | \"contextVariables\":[{\"name\":\"tollgate.r\",\"source\":\"HEADER\"}],\"labels\" | contextVariables[0].source",
            "a malformed secret reference | \"password\":\"pw-bad-1\"               | \"passwordRef\":\"secret:NS/x\"                 | sqlBackend.credentials.passwordRef",
    })
    void badInputIsA400ProblemNamingTheField(String what, String valid, String invalid, String field) {
        String body = Tenants.withPassword("soylent", "pw-bad-1").replace(valid, invalid);
        assertNotEquals(Tenants.withPassword("soylent", "pw-bad-1"), body, "the case must alter the body");

        Response response = admin().post(PATH, body);

        assertEquals(400, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(400, ((Number) response.json().get("status")).intValue());
        assertTrue(response.problemFields().contains(field), () -> field + " not in " + response.body());
        assertFalse(response.body().contains("pw-bad-1"), response.body());
        assertEquals(404, admin().get(PATH + "/soylent").status(), "nothing was created");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        Response response = admin().post(PATH, "{\"id\":\"Bad\",\"sqlBackend\":{\"jdbcUrl\":\"nope\"}}");

        assertEquals(400, response.status());
        assertTrue(response.problemFields().containsAll(List.of("id", "sqlBackend.jdbcUrl",
                "sqlBackend.isolationMode", "sqlBackend.credentials")), response.body());
    }

    @Test
    void unreadableJsonAndUnknownPropertiesAre400ProblemsThatEchoNoPassword() {
        Response malformed = admin().post(PATH, "{\"id\":\"x\",\"sqlBackend\":{\"credentials\":{\"password\":\"pw-echo-1\"");
        Response unknown = admin().post(PATH, Tenants.withPassword("umbrella", "pw-echo-2")
                .replace("\"labels\"", "\"lables\":{},\"labels\""));

        assertEquals(400, malformed.status(), malformed::toString);
        assertEquals("application/problem+json", malformed.header("Content-Type"));
        assertFalse(malformed.body().contains("pw-echo-1"), malformed.body());
        assertEquals(400, unknown.status(), unknown::toString);
        JsonBody.parse(unknown.body()).assertAnyTextContains("lables");
        assertFalse(unknown.body().contains("pw-echo-2"), unknown.body());
    }

    @Test
    void creatingAnExistingTenantIsAConflict() {
        create("hooli", "pw-hooli");

        assertEquals(409, admin().post(PATH, Tenants.withPassword("hooli", "other")).status());
    }

    @Test
    void anUpdateWithoutIfMatchIs428AndWithAStaleOneIs412() {
        Response created = create("globex", "pw-globex");
        String renamed = Tenants.withPassword("globex", "pw-globex").replace("globex Inc", "Globex Corporation");

        Response missing = admin().put(PATH + "/globex", renamed, null);
        Response updated = admin().put(PATH + "/globex", renamed, created.etag());
        Response stale = admin().put(PATH + "/globex", renamed.replace("Corporation", "Corp"), created.etag());

        assertEquals(428, missing.status(), missing::toString);
        assertEquals("application/problem+json", missing.header("Content-Type"));
        assertEquals(200, updated.status(), updated::toString);
        assertNotEquals(created.etag(), updated.etag());
        assertEquals(412, stale.status(), stale::toString);
        assertEquals(updated.etag(), stale.etag(), "a 412 tells the current ETag");
        assertEquals("Globex Corporation", admin().get(PATH + "/globex").json().get("displayName"));
        assertEquals(412, admin().post(PATH + "/globex/suspend", null, created.etag()).status());
        assertEquals(428, admin().post(PATH + "/globex/suspend", null, null).status());
        assertEquals(428, admin().delete(PATH + "/globex", null).status());
        assertEquals("active", admin().get(PATH + "/globex").json().get("status"), "refused writes changed nothing");
    }

    @Test
    void ifMatchFollowsRfc9110StarMatchesAWeakTagNeverDoesAndGarbageIs400() {
        Response created = create("rfc", "pw-rfc");

        Response weak = admin().post(PATH + "/rfc/suspend", null, "W/" + created.etag());
        Response garbage = admin().post(PATH + "/rfc/suspend", null, "yesterday");
        Response listed = admin().post(PATH + "/rfc/suspend", null, "\"999999\", " + created.etag());
        Response star = admin().post(PATH + "/rfc/resume", null, "*");

        assertEquals(412, weak.status(), weak::toString);
        assertEquals(400, garbage.status(), garbage::toString);
        assertEquals(List.of("If-Match"), garbage.problemFields());
        assertEquals(200, listed.status(), listed::toString);
        assertEquals(200, star.status(), star::toString);
        assertEquals("active", star.json().get("status"));
    }

    @Test
    void aSecretReferenceIsRefusedWhereTheKubernetesIntegrationIsOff() {
        Response response = admin().post(PATH, Tenants.withPassword("k8s-off", "unused")
                .replace("\"password\":\"unused\"", "\"passwordRef\":\"secret:tenants/k8s-off#password\""));

        assertEquals(400, response.status(), response::toString);
        assertEquals(List.of("sqlBackend.credentials.passwordRef"), response.problemFields());
    }

    @Test
    void anUpdateThatLeavesThePasswordOutKeepsItAndOneThatGivesItReplacesIt() {
        Response created = create("wonka", "pw-wonka-1");
        String body = Tenants.withPassword("wonka", "unused").replace(",\"password\":\"unused\"", "")
                .replace("\"tier\":\"gold\"", "\"tier\":\"silver\"");

        Response kept = admin().put(PATH + "/wonka", body, created.etag());
        assertEquals(200, kept.status(), kept::toString);
        assertEquals("pw-wonka-1", grpcPassword("wonka"));

        Response replaced = admin().put(PATH + "/wonka", Tenants.withPassword("wonka", "pw-wonka-2"), kept.etag());
        assertEquals(200, replaced.status(), replaced::toString);
        assertEquals("pw-wonka-2", grpcPassword("wonka"));
    }

    @Test
    void aPutCannotChangeTheStatusOrTheId() {
        Response created = create("tyrell", "pw-tyrell");
        String body = Tenants.withPassword("tyrell", "pw-tyrell");

        Response status = admin().put(PATH + "/tyrell", body.replace("\"labels\"", "\"status\":\"suspended\",\"labels\""),
                created.etag());
        Response id = admin().put(PATH + "/tyrell", body.replace("\"id\":\"tyrell\"", "\"id\":\"cyberdyne\""),
                created.etag());

        assertEquals(400, status.status());
        assertEquals(List.of("status"), status.problemFields());
        assertEquals(400, id.status());
        assertEquals(List.of("id"), id.problemFields());
    }

    @Test
    void suspendAndResumeChangeTheStatusAndAreRecordedWithTheCallerAndTheTime() {
        Instant before = Instant.now().minusSeconds(1);
        Response created = create("stark", "pw-stark");

        Response suspended = admin().post(PATH + "/stark/suspend", null, created.etag());
        Response again = admin().post(PATH + "/stark/suspend", null, suspended.etag());
        Response resumed = admin().post(PATH + "/stark/resume", null, suspended.etag());

        assertEquals("suspended", suspended.json().get("status"));
        assertEquals(suspended.etag(), again.etag(), "suspending a suspended tenant changes nothing");
        assertEquals("active", resumed.json().get("status"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes = (List<Map<String, Object>>) admin().get(PATH + "/stark/history")
                .json().get("changes");
        assertEquals(List.of("created", "status_changed", "status_changed"),
                changes.stream().map(c -> c.get("kind")).toList());
        assertTrue(changes.stream().allMatch(c -> "ops@platform".equals(c.get("actor"))), changes::toString);
        assertTrue(changes.stream().allMatch(c -> Instant.parse((String) c.get("at")).isAfter(before)));
        assertEquals(Map.of("changed", Map.of("status", Map.of("from", "active", "to", "suspended"))),
                changes.get(1).get("description"));
    }

    @Test
    void theHistoryDescribesEachChangeFieldByFieldWithThePasswordMasked() {
        Response created = create("oscorp", "pw-oscorp-1");
        admin().put(PATH + "/oscorp", Tenants.withPassword("oscorp", "pw-oscorp-2").replace("oscorp Inc", "Oscorp"),
                created.etag());

        Response history = admin().get(PATH + "/oscorp/history");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> changes = (List<Map<String, Object>>) history.json().get("changes");
        @SuppressWarnings("unchecked")
        Map<String, Object> changed = (Map<String, Object>) changes.get(1).get("description");
        assertEquals(Map.of(
                "displayName", Map.of("from", "oscorp Inc", "to", "Oscorp"),
                "sqlBackend.credentials.passwordRef", Map.of("from", "literal:***", "to", "literal:***")),
                changed.get("changed"));
        assertFalse(history.body().contains("pw-oscorp"), history.body());
    }

    @Test
    void listsComeInPagesOrderedById() {
        create("list-b", "pw");
        create("list-a", "pw");

        Response first = admin().get(PATH + "?pageSize=1");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> tenants = (List<Map<String, Object>>) first.json().get("tenants");

        assertEquals(1, tenants.size());
        assertFalse(((String) first.json().get("nextPageToken")).isEmpty());
        assertEquals(400, admin().get(PATH + "?pageToken=not-ours!").status());
    }

    @Test
    void anUnknownTenantIsA404Problem() {
        Response response = admin().get(PATH + "/nobody");

        assertEquals(404, response.status());
        assertEquals("application/problem+json", response.header("Content-Type"));
        assertEquals(404, admin().post(PATH + "/nobody/suspend", null, "\"1\"").status());
        assertEquals(404, admin().get(PATH + "/nobody/history").status());
    }

    @Test
    void withoutATokenOrWithoutThePlatformAdminRoleNothingIsServed() {
        AdminClient anonymous = admin().as(null);
        AdminClient tenantAdmin = admin().as(token("admin@acme", "acme", List.of("tenant-admin")));
        AdminClient expired = admin().as(tokens.mint("ops@platform", "platform", List.of("platform-admin"),
                Duration.ofMinutes(-5)));
        AdminClient foreign = admin().as(new io.tollgate.testkit.tokens.TestTokens(ISSUER, AUDIENCE)
                .mint("ops@platform", "platform", List.of("platform-admin"), Duration.ofMinutes(5)));

        assertEquals(401, anonymous.get(PATH).status());
        assertEquals(401, anonymous.post(PATH, Tenants.withPassword("sneaky", "pw")).status());
        assertEquals(403, tenantAdmin.get(PATH).status());
        assertEquals(403, tenantAdmin.post(PATH, Tenants.withPassword("sneaky", "pw")).status());
        assertEquals(401, expired.get(PATH).status());
        assertEquals(401, foreign.get(PATH).status(), "a token signed by a key we do not trust");
        assertEquals(404, admin().get(PATH + "/sneaky").status());
    }

    @Test
    void provisioningIsNotImplementedWhereItIsNotConfigured() {
        create("dedicated-off", "pw");

        Response response = admin().post(PATH + "/dedicated-off/provision", null);

        assertEquals(501, response.status(), response::toString);
        assertEquals("application/problem+json", response.header("Content-Type"));
    }

    @Test
    void theOpenApiDocumentIsServedAndDescribesTheAdminApi() {
        Response document = admin().as(null).get("/swagger/router-service.yml");

        assertEquals(200, document.status());
        assertTrue(document.body().contains("/admin/v1/tenants/{id}/history"), document.body());
        assertTrue(document.body().contains("openapi: 3"));
    }
}
