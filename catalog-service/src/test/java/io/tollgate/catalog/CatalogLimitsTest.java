package io.tollgate.catalog;

import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.service.ServiceReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Names, namespace properties and locations longer than the catalog's PostgreSQL columns hold are the
 * caller's error (400 BadRequestException), refused before anything is written: not an incident (500)
 * that any tenant user could raise at will, nor an orphan metadata file.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogLimitsTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path ROOT = NEIGHBOURS.storage().resolve("acme");
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            CatalogTestTenants.tenant("acme", "acme-lake", ROOT)));
    static final int MAX_METADATA_BYTES = 65536;
    static final String SCHEMA = "{\"type\":\"struct\",\"schema-id\":0,\"fields\":"
            + "[{\"id\":1,\"name\":\"id\",\"required\":true,\"type\":\"long\"}]}";

    private final HttpClient http = HttpClient.newHttpClient();
    private ServiceReplica catalog;

    @BeforeAll
    void start() throws Exception {
        catalog = NEIGHBOURS.startCatalog(Map.of("tollgate.catalog.max-metadata-bytes", Integer.toString(MAX_METADATA_BYTES)));
        assertEquals(200, post("/v1/acme-lake/namespaces", "{\"namespace\":[\"ns\"]}").statusCode());
        assertEquals(200, post("/v1/acme-lake/namespaces/ns/tables", "{\"name\":\"t\",\"schema\":" + SCHEMA + "}")
                .statusCode());
    }

    @AfterAll
    void stop() {
        catalog.close();
    }

    @Test
    void whatTheColumnsCannotHoldIsABadRequestNotAnIncident() throws Exception {
        String longLocation = "file://" + ROOT + "/" + "l".repeat(950);
        List<String[]> tooLong = List.of(
                new String[]{"/v1/acme-lake/namespaces", "{\"namespace\":[\"" + "n".repeat(300) + "\"]}"},
                new String[]{"/v1/acme-lake/namespaces", "{\"namespace\":[\"" + "n".repeat(200) + "\",\""
                        + "m".repeat(60) + "\"]}"},
                new String[]{"/v1/acme-lake/namespaces", "{\"namespace\":[\"big\"],\"properties\":{\"k\":\""
                        + "v".repeat(1001) + "\"}}"},
                new String[]{"/v1/acme-lake/namespaces", "{\"namespace\":[\"big\"],\"properties\":{\""
                        + "k".repeat(256) + "\":\"v\"}}"},
                new String[]{"/v1/acme-lake/namespaces/ns/properties", "{\"updates\":{\"k\":\""
                        + "v".repeat(1001) + "\"}}"},
                new String[]{"/v1/acme-lake/namespaces/ns/tables", "{\"name\":\"" + "t".repeat(256)
                        + "\",\"schema\":" + SCHEMA + "}"},
                new String[]{"/v1/acme-lake/namespaces/ns/tables", "{\"name\":\"long\",\"location\":\""
                        + longLocation + "\",\"schema\":" + SCHEMA + "}"},
                // A staged create's commit (assert-create) names its table in the path.
                new String[]{"/v1/acme-lake/namespaces/ns/tables/" + "t".repeat(256), "{\"requirements\":"
                        + "[{\"type\":\"assert-create\"}],\"updates\":["
                        + "{\"action\":\"assign-uuid\",\"uuid\":\"" + UUID.randomUUID() + "\"},"
                        + "{\"action\":\"upgrade-format-version\",\"format-version\":2},"
                        + "{\"action\":\"add-schema\",\"schema\":" + SCHEMA + ",\"last-column-id\":1},"
                        + "{\"action\":\"set-current-schema\",\"schema-id\":-1},"
                        + "{\"action\":\"add-spec\",\"spec\":{\"spec-id\":0,\"fields\":[]}},"
                        + "{\"action\":\"set-default-spec\",\"spec-id\":-1},"
                        + "{\"action\":\"add-sort-order\",\"sort-order\":{\"order-id\":0,\"fields\":[]}},"
                        + "{\"action\":\"set-default-sort-order\",\"sort-order-id\":-1},"
                        + "{\"action\":\"set-location\",\"location\":\"file://" + ROOT + "/ns/staged\"}]}"},
                new String[]{"/v1/acme-lake/tables/rename", "{\"source\":{\"namespace\":[\"ns\"],\"name\":\"t\"},"
                        + "\"destination\":{\"namespace\":[\"ns\"],\"name\":\"" + "t".repeat(256) + "\"}}"});
        for (String[] request : tooLong) {
            HttpResponse<String> refused = post(request[0], request[1]);

            assertEquals(400, refused.statusCode(), request[0] + " " + refused.body());
            JsonBody.parse(refused.body()).assertEquals("/error/type", "BadRequestException");
        }
        assertEquals(404, send("HEAD", "/v1/acme-lake/namespaces/big", null).statusCode());
        assertEquals(204, send("HEAD", "/v1/acme-lake/namespaces/ns/tables/t", null).statusCode());
    }

    @Test
    void aCommitThatWouldMakeTheMetadataLargerThanTheLimitIsRefusedAndLeavesNoFile() throws Exception {
        String table = "/v1/acme-lake/namespaces/ns/tables/t";
        JsonBody loaded = JsonBody.parse(send("GET", table, null).body());
        String before = loaded.text("/metadata-location");
        Path metadata = Path.of(java.net.URI.create(loaded.text("/metadata/location") + "/metadata"));
        long files = filesUnder(metadata);

        HttpResponse<String> refused = post(table, "{\"requirements\":[],\"updates\":[{\"action\":\"set-properties\","
                + "\"updates\":{\"big\":\"" + "v".repeat(MAX_METADATA_BYTES) + "\"}}]}");

        assertEquals(400, refused.statusCode(), refused.body());
        JsonBody.parse(refused.body()).assertEquals("/error/type", "BadRequestException");
        assertEquals(before, JsonBody.parse(send("GET", table, null).body()).text("/metadata-location"));
        assertEquals(files, filesUnder(metadata), "the partial metadata file is removed");
    }

    @Test
    void aCommitCreatingATableWithoutASchemaIsTheCallersErrorNotAnIncident() throws Exception {
        HttpResponse<String> refused = post("/v1/acme-lake/namespaces/ns/tables/schemaless", "{\"requirements\":"
                + "[{\"type\":\"assert-create\"}],\"updates\":[{\"action\":\"assign-uuid\",\"uuid\":\""
                + UUID.randomUUID() + "\"},{\"action\":\"upgrade-format-version\",\"format-version\":2}]}");

        assertEquals(400, refused.statusCode(), refused.body());
        JsonBody.parse(refused.body()).assertEquals("/error/type", "BadRequestException");
        assertEquals(404, send("HEAD", "/v1/acme-lake/namespaces/ns/tables/schemaless", null).statusCode());
    }

    @Test
    void compressedMetadataIsRefusedForItWouldHideItsSize() throws Exception {
        HttpResponse<String> refused = post("/v1/acme-lake/namespaces/ns/tables/t", "{\"requirements\":[],\"updates\":"
                + "[{\"action\":\"set-properties\",\"updates\":{\"write.metadata.compression-codec\":\"gzip\"}}]}");

        assertEquals(400, refused.statusCode(), refused.body());
        JsonBody.parse(refused.body()).assertEquals("/error/type", "BadRequestException");
    }

    private static long filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.count();
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    private HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(catalog.uri(path))
                .header("Authorization", "Bearer " + CatalogTestTenants.token("admin@acme", "acme", "tenant-admin"))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
