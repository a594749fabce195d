package io.tollgate.catalog;

import io.tollgate.catalog.handler.IdempotencyService;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.service.ServiceReplica;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.Schema;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.UUIDUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Idempotency keys across two catalog replicas sharing one PostgreSQL, as behind one Kubernetes
 * Service: a retry whose first answer was lost gets that answer from the other replica without the
 * operation running twice; a key is one tenant's subject's and one operation's; keys are UUIDv7;
 * a retry during the first request is told to come back; an expired key runs the operation again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogIdempotencyTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final PostgresDatabase DB = NEIGHBOURS.db();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            CatalogTestTenants.tenant("acme", "acme-lake", STORAGE.resolve("acme")),
            CatalogTestTenants.tenant("globex", "globex-lake", STORAGE.resolve("globex")),
            CatalogTestTenants.tenant("initech", "initech-lake", STORAGE.resolve("initech"))));
    static final String NAMESPACES = "/v1/acme-lake/namespaces";

    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceReplica first;
    private ServiceReplica second;

    @BeforeAll
    void startTwoReplicas() {
        first = replica(Map.of());
        second = replica(Map.of());
    }

    @Test
    void configAdvertisesTheKeysLifetimeAndIcebergsClientSendsKeysThatAreKept() throws Exception {
        JsonBody.parse(send(first, "GET", "/v1/config?warehouse=acme-lake", writer(), null, null).body())
                .assertEquals("/idempotency-key-lifetime", "PT30M");

        try (CatalogClients clients = new CatalogClients(first.uri("").toString())) {
            RESTCatalog client = clients.writingInMemory("client@acme", "acme", "writer", "acme-lake");
            client.createNamespace(Namespace.of("from_the_client"));
        }
        assertEquals(1, keptKeys("client@acme"), "the client sent a key with its mutation, and its answer was kept");
    }

    @Test
    void aRetryGetsTheFirstAnswerFromAnotherReplicaWithoutRunningTheOperationAgain() throws Exception {
        String key = newKey();
        String create = "{\"namespace\": [\"retried\"], \"properties\": {\"owner\": \"first\"}}";
        HttpResponse<String> answered = send(first, "POST", NAMESPACES, writer(), key, create);
        assertEquals(200, answered.statusCode());

        // The answer was lost; the client retries on whichever replica it reaches.
        HttpResponse<String> replayed = send(second, "POST", NAMESPACES, writer(), key, create);
        assertEquals(200, replayed.statusCode(), replayed.body());
        assertEquals(answered.body(), replayed.body());
        assertEquals(409, send(second, "POST", NAMESPACES, writer(), newKey(), create).statusCode(),
                "the namespace exists: the retry was answered, not run");
    }

    @Test
    void aRetriedCommitReturnsTheFirstCommitsMetadataAndCommitsNothingMore() throws Exception {
        try (CatalogClients clients = new CatalogClients(first.uri("").toString())) {
            RESTCatalog setup = clients.writingInMemory("writer@acme", "acme", "writer", "acme-lake");
            setup.createNamespace(Namespace.of("commits"));
            setup.createTable(TableIdentifier.of("commits", "ledger"), new Schema(
                    Types.NestedField.required(1, "id", Types.LongType.get())));
        }
        String path = NAMESPACES + "/commits/tables/ledger";
        String commit = "{\"requirements\": [], \"updates\": [{\"action\": \"set-properties\", \"updates\": {\"k\": \"v\"}}]}";
        String key = newKey();
        HttpResponse<String> committed = send(first, "POST", path, writer(), key, commit);
        assertEquals(200, committed.statusCode(), committed.body());
        String location = JsonBody.parse(committed.body()).text("/metadata-location");

        HttpResponse<String> replayed = send(second, "POST", path, writer(), key, commit);
        assertEquals(committed.body(), replayed.body());
        JsonBody.parse(send(second, "GET", path, writer(), null, null).body())
                .assertEquals("/metadata-location", location);
    }

    @Test
    void aReadersKeysAreNeverKeptSoThatItCannotSpendItsTenantsKeys() throws Exception {
        String reader = CatalogTestTenants.token("reader@acme", "acme", "reader");
        // Answers that would be kept for a writer: an unknown warehouse, a malformed body, a refusal.
        assertEquals(404, send(first, "POST", "/v1/no-such-lake/namespaces", reader, newKey(), "{}").statusCode());
        assertEquals(400, send(first, "POST", NAMESPACES, reader, newKey(), "{not json").statusCode());
        assertEquals(403, send(first, "POST", NAMESPACES, reader, newKey(), "{\"namespace\": [\"r\"]}").statusCode());

        assertEquals(0, count("SELECT count(*) FROM catalog.idempotency_keys WHERE subject = ?", List.of("reader@acme")));
    }

    @Test
    void oneTenantsOrSubjectsKeyNeverReturnsAnotherOnesAnswer() throws Exception {
        String key = newKey();
        String create = "{\"namespace\": [\"scoped\"], \"properties\": {}}";
        assertEquals(200, send(first, "POST", NAMESPACES, writer(), key, create).statusCode());

        // Another tenant sending the same key to the same path runs its own request: acme's
        // warehouse is not found for it, as for anyone outside acme.
        String globex = CatalogTestTenants.token("writer@globex", "globex", "writer");
        HttpResponse<String> otherTenant = send(second, "POST", NAMESPACES, globex, key, create);
        assertEquals(404, otherTenant.statusCode(), otherTenant.body());
        JsonBody.parse(otherTenant.body()).assertEquals("/error/message", "Warehouse not found: acme-lake");

        // Another user of the same tenant runs its own request too: the namespace exists by now.
        String colleague = CatalogTestTenants.token("colleague@acme", "acme", "writer");
        assertEquals(409, send(second, "POST", NAMESPACES, colleague, key, create).statusCode());
    }

    @Test
    void aKeyThatIsNotAUuidV7IsABadRequestAndNothingRuns() throws Exception {
        String create = "{\"namespace\": [\"malformed_key\"], \"properties\": {}}";
        for (String key : List.of("abc", UUID.randomUUID().toString(), newKey() + "0", "")) {
            HttpResponse<String> refused = send(first, "POST", NAMESPACES, writer(), key, create);
            assertEquals(400, refused.statusCode(), key);
            JsonBody.parse(refused.body()).assertEquals("/error/type", "BadRequestException")
                    .assertEquals("/error/message", "Idempotency-Key must be a UUIDv7");
        }
        assertEquals(404, send(first, "GET", NAMESPACES + "/malformed_key", writer(), null, null).statusCode());
    }

    @Test
    void aKeyReusedForAnotherOperationIsRefused() throws Exception {
        String key = newKey();
        assertEquals(200, send(first, "POST", NAMESPACES, writer(), key,
                "{\"namespace\": [\"reused\"], \"properties\": {}}").statusCode());
        HttpResponse<String> refused = send(second, "DELETE", NAMESPACES + "/reused", writer(), key, null);
        assertEquals(400, refused.statusCode());
        JsonBody.parse(refused.body()).assertEquals("/error/message", "This Idempotency-Key was used for another operation");
        assertEquals(200, send(first, "GET", NAMESPACES + "/reused", writer(), null, null).statusCode());
    }

    @Test
    void aRetryWhileTheFirstRequestRunsIsToldToComeBackAndThenGetsItsAnswer() throws Exception {
        String key = newKey();
        String path = "/v1/acme-lake/namespaces";
        // The first request has claimed its key on one replica and is still running.
        IdempotencyService.Claim running = first.bean(IdempotencyService.class)
                .claim("acme", "writer@acme", key, "POST", path);
        IdempotencyService.First claimed = assertInstanceOf(IdempotencyService.First.class, running);

        HttpResponse<String> retry = send(second, "POST", path, writer(), key, "{\"namespace\": [\"slow\"]}");
        assertEquals(503, retry.statusCode(), retry.body());
        assertEquals("1", retry.headers().firstValue("Retry-After").orElse(""));
        JsonBody.parse(retry.body()).assertEquals("/error/type", "ServiceUnavailableException");

        first.bean(IdempotencyService.class).finish(claimed, 200, "application/json", "{\"namespace\":[\"slow\"]}");
        HttpResponse<String> later = send(second, "POST", path, writer(), key, "{\"namespace\": [\"slow\"]}");
        assertEquals(200, later.statusCode());
        assertEquals("{\"namespace\":[\"slow\"]}", later.body());
    }

    @Test
    void anExpiredKeyRunsTheOperationAgainAndIsSweptAndAnOversizedAnswerIsNotKept() throws Exception {
        try (ServiceReplica shortLived = replica(Map.of("tollgate.catalog.idempotency.lifetime", "0s"))) {
            String key = newKey();
            String create = "{\"namespace\": [\"expiring\"], \"properties\": {}}";
            assertEquals(200, send(shortLived, "POST", NAMESPACES, writer(), key, create).statusCode());
            assertEquals(409, send(shortLived, "POST", NAMESPACES, writer(), key, create).statusCode(),
                    "the key had expired: the request ran again");
            shortLived.bean(IdempotencyService.class).sweepExpired();
            assertEquals(0, keptKeys("writer@acme", key));
        }
        try (ServiceReplica small = replica(Map.of("tollgate.catalog.idempotency.max-response-bytes", "8"))) {
            String key = newKey();
            String create = "{\"namespace\": [\"large_answer\"], \"properties\": {}}";
            assertEquals(200, send(small, "POST", NAMESPACES, writer(), key, create).statusCode());
            assertEquals(0, keptKeys("writer@acme", key), "an answer above the limit is not kept");
            assertEquals(409, send(small, "POST", NAMESPACES, writer(), key, create).statusCode());
        }
    }

    @Test
    void aTenantKeepsAtMostItsLimitOfKeysAndBeyondItMutationsStillRun() throws Exception {
        String initech = CatalogTestTenants.token("writer@initech", "initech", "writer");
        try (ServiceReplica capped = replica(Map.of("tollgate.catalog.idempotency.max-keys-per-tenant", "2"))) {
            for (String name : List.of("one", "two", "three")) {
                String create = "{\"namespace\": [\"" + name + "\"], \"properties\": {}}";
                assertEquals(200, send(capped, "POST", "/v1/initech-lake/namespaces", initech, newKey(), create)
                        .statusCode(), name);
            }
            assertEquals(2, count("SELECT count(*) FROM catalog.idempotency_keys WHERE tenant_id = ?", List.of("initech")),
                    "the third key was not kept, and its mutation ran");
            assertEquals(200, send(capped, "GET", "/v1/initech-lake/namespaces/three", initech, null, null).statusCode());
        }
    }

    private ServiceReplica replica(Map<String, String> extra) {
        return NEIGHBOURS.startCatalog(extra);
    }

    private HttpResponse<String> send(ServiceReplica replica, String method, String path, String token, String key,
                                      String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(replica.uri(path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String writer() {
        return CatalogTestTenants.token("writer@acme", "acme", "writer");
    }

    private static String newKey() {
        return UUIDUtil.generateUuidV7().toString();
    }

    private static int keptKeys(String subject) throws Exception {
        return count("SELECT count(*) FROM catalog.idempotency_keys WHERE subject = ? AND status IS NOT NULL",
                List.of(subject));
    }

    private static int keptKeys(String subject, String key) throws Exception {
        return count("SELECT count(*) FROM catalog.idempotency_keys WHERE subject = ? AND idempotency_key = ?::uuid",
                List.of(subject, key));
    }

    private static int count(String sql, List<String> parameters) throws Exception {
        try (Connection connection = DB.connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setString(i + 1, parameters.get(i));
            }
            try (ResultSet row = query.executeQuery()) {
                assertTrue(row.next());
                return row.getInt(1);
            }
        }
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
    }
}
