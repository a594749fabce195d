package io.tollgate.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import jakarta.inject.Inject;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * loadTable's ETag through a plain HTTP client (so that every header is the test's own): a strong tag
 * that says nothing of the table's location, 304 with no body for the caller's current copy, a new
 * tag for a new version or another role, untouched by response compression — and no 304 for a
 * revoked token or a suspended tenant.
 */
@MicronautTest
class CatalogETagTest extends RegistryBackedCatalogTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final Tenant INITECH = CatalogTestTenants.tenant("initech", "initech-lake", STORAGE.resolve("initech"));
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            CatalogTestTenants.tenant("acme", "acme-lake", STORAGE.resolve("acme")), INITECH));
    static final TableIdentifier EVENTS = TableIdentifier.of("web", "events");
    static final String EVENTS_PATH = "/v1/acme-lake/namespaces/web/tables/events";
    static final String COUNT_NOT_MODIFIED = "catalog-etag-test.count-not-modified";
    static final AtomicInteger NOT_MODIFIED = new AtomicInteger();

    @Inject
    RevocationSet revocations;

    /** The JDK's client, which shows the bytes and statuses as sent (no decompression, no redirects). */
    private final HttpClient rawHttp = HttpClient.newHttpClient();

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Override
    Map<String, String> moreProperties() {
        return Map.of(COUNT_NOT_MODIFIED, "true");
    }

    @BeforeAll
    void createATable() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        writer.createNamespace(EVENTS.namespace());
        // Enough columns that the answer is above the server's compression threshold.
        List<Types.NestedField> columns = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            columns.add(Types.NestedField.optional(i, "column_number_" + i, Types.StringType.get()));
        }
        writer.createTable(EVENTS, new Schema(columns));
    }

    @Test
    void aLoadCarriesAStrongETagAndTheCurrentOneIsAnswered304WithNoBody() throws Exception {
        String reader = CatalogTestTenants.token("reader@acme", "acme", "reader");
        HttpResponse<byte[]> first = get(EVENTS_PATH, reader, Map.of());
        assertEquals(200, first.statusCode());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{43}\""), "a strong, quoted tag of the hash alone: " + etag);
        String location = JsonBody.parse(new String(first.body(), StandardCharsets.UTF_8)).text("/metadata-location");
        assertFalse(etag.contains(location) || etag.contains("metadata"), etag);

        HttpResponse<byte[]> again = get(EVENTS_PATH, reader, Map.of("If-None-Match", etag));
        assertEquals(304, again.statusCode());
        assertEquals(0, again.body().length, "a 304 has no body");
        assertEquals(etag, again.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, get(EVENTS_PATH, reader, Map.of("If-None-Match", "\"other\", W/" + etag)).statusCode(),
                "any tag of the list matches, weak or strong");
        assertEquals(200, get(EVENTS_PATH, reader, Map.of("If-None-Match", "\"other\"")).statusCode());
    }

    @Test
    void aNewVersionOfTheTableHasANewETag() throws Exception {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier versions = TableIdentifier.of("web", "versions");
        writer.createTable(versions, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
        String path = "/v1/acme-lake/namespaces/web/tables/versions";
        String reader = CatalogTestTenants.token("reader@acme", "acme", "reader");
        String before = get(path, reader, Map.of()).headers().firstValue("ETag").orElseThrow();

        writer.loadTable(versions).updateProperties().set("owner", "web").commit();

        HttpResponse<byte[]> after = get(path, reader, Map.of("If-None-Match", before));
        assertEquals(200, after.statusCode(), "the old tag is not the current version's");
        assertNotEquals(before, after.headers().firstValue("ETag").orElseThrow());
        JsonBody.parse(new String(after.body(), StandardCharsets.UTF_8)).assertEquals("/metadata/properties/owner", "web");
    }

    @Test
    void everyLoadAnswersTheTablesCurrentVersionThoughItsMetadataIsParsedOnce() throws Exception {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier cached = TableIdentifier.of("web", "cached");
        writer.createTable(cached, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
        String path = "/v1/acme-lake/namespaces/web/tables/cached";
        String reader = CatalogTestTenants.token("reader@acme", "acme", "reader");
        HttpResponse<byte[]> first = get(path, reader, Map.of());
        HttpResponse<byte[]> again = get(path, reader, Map.of());
        assertEquals("application/json", first.headers().firstValue("Content-Type").orElse(""));
        assertEquals(new String(first.body(), StandardCharsets.UTF_8), new String(again.body(), StandardCharsets.UTF_8));

        writer.loadTable(cached).updateProperties().set("cached.check", "second version").commit();
        JsonBody committed = JsonBody.parse(new String(get(path, reader, Map.of()).body(), StandardCharsets.UTF_8));
        assertEquals("second version", committed.text("/metadata/properties/cached.check"));
        assertNotEquals(JsonBody.parse(new String(first.body(), StandardCharsets.UTF_8)).text("/metadata-location"),
                committed.text("/metadata-location"));
        JsonBody refs = JsonBody.parse(new String(get(path + "?snapshots=refs", reader, Map.of()).body(),
                StandardCharsets.UTF_8));
        assertEquals(committed.text("/metadata-location"), refs.text("/metadata-location"));
        assertEquals("second version", refs.text("/metadata/properties/cached.check"));
    }

    @Test
    void aLoadAfterACommitIsAnsweredFromTheMetadataTheCommitWroteWithoutReadingItsFile() throws Exception {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier warmed = TableIdentifier.of("web", "warmed");
        writer.createTable(warmed, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
        Table table = writer.loadTable(warmed);
        table.updateProperties().set("warmed.check", "committed").commit();
        String committed = ((HasTableOperations) table).operations().current().metadataFileLocation();

        // Metadata files are never rewritten; one that were shows the load did not read it.
        Files.writeString(Path.of(URI.create(committed)), "not metadata");
        HttpResponse<byte[]> loaded = get("/v1/acme-lake/namespaces/web/tables/warmed",
                CatalogTestTenants.token("reader@acme", "acme", "reader"), Map.of());

        assertEquals(200, loaded.statusCode());
        JsonBody.parse(new String(loaded.body(), StandardCharsets.UTF_8))
                .assertEquals("/metadata-location", committed)
                .assertEquals("/metadata/properties/warmed.check", "committed");
    }

    @Test
    void callersWithOtherRolesGetOtherETagsForTheSameVersion() throws Exception {
        String readerTag = get(EVENTS_PATH, CatalogTestTenants.token("reader@acme", "acme", "reader"), Map.of())
                .headers().firstValue("ETag").orElseThrow();
        String writer = CatalogTestTenants.token("writer@acme", "acme", "writer");
        HttpResponse<byte[]> writers = get(EVENTS_PATH, writer, Map.of("If-None-Match", readerTag));
        assertEquals(200, writers.statusCode(), "a reader's answer is not a writer's");
        assertNotEquals(readerTag, writers.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void compressionLeavesTheETagAsItIsAndItStillMatches() throws Exception {
        String reader = CatalogTestTenants.token("reader@acme", "acme", "reader");
        HttpResponse<byte[]> plain = get(EVENTS_PATH, reader, Map.of());
        HttpResponse<byte[]> gzipped = get(EVENTS_PATH, reader, Map.of("Accept-Encoding", "gzip"));
        assertEquals(200, gzipped.statusCode());
        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse("none"),
                "the answer was compressed (else this test shows nothing)");
        assertEquals(new String(plain.body(), StandardCharsets.UTF_8), gunzip(gzipped.body()));
        String etag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertEquals(plain.headers().firstValue("ETag").orElseThrow(), etag);

        HttpResponse<byte[]> notModified = get(EVENTS_PATH, reader, Map.of("Accept-Encoding", "gzip", "If-None-Match", etag));
        assertEquals(304, notModified.statusCode());
        assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
    }

    @Test
    void icebergsJavaClientSendsTheETagAndUsesItsCopyOnA304() {
        RESTCatalog reader = client("reader@acme", "acme", "reader", "acme-lake");
        Table first = reader.loadTable(EVENTS);
        int before = NOT_MODIFIED.get();
        Table second = reader.loadTable(EVENTS);
        assertEquals(before + 1, NOT_MODIFIED.get(), "the client's second load was answered 304");
        assertEquals(first.schema().asStruct(), second.schema().asStruct());

        TableIdentifier changing = TableIdentifier.of("web", "changing");
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        writer.createTable(changing, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
        reader.loadTable(changing);
        writer.loadTable(changing).updateProperties().set("stage", "two").commit();
        assertEquals("two", reader.loadTable(changing).properties().get("stage"), "a new version is loaded whole");
    }

    @Test
    void aRevokedTokenIsRefusedRatherThanToldItsCopyIsCurrent() throws Exception {
        String token = CatalogTestTenants.token("leaver@acme", "acme", "reader");
        String etag = get(EVENTS_PATH, token, Map.of()).headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(EVENTS_PATH, token, Map.of("If-None-Match", etag)).statusCode());

        revocations.revokeSubject("acme", "leaver@acme", Instant.now(), Instant.now().plus(Duration.ofHours(1)));

        assertEquals(401, get(EVENTS_PATH, token, Map.of("If-None-Match", etag)).statusCode());
    }

    @Test
    void aSuspendedTenantIsRefusedRatherThanToldItsCopyIsCurrent() throws Exception {
        RESTCatalog writer = client("writer@initech", "initech", "writer", "initech-lake");
        TableIdentifier reports = TableIdentifier.of("tps", "reports");
        writer.createNamespace(reports.namespace());
        writer.createTable(reports, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
        String path = "/v1/initech-lake/namespaces/tps/tables/reports";
        String token = CatalogTestTenants.token("reader@initech", "initech", "reader");
        String etag = get(path, token, Map.of()).headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get(path, token, Map.of("If-None-Match", etag)).statusCode());

        REGISTRY.upsert(INITECH.toBuilder().setStatus(TenantStatus.TENANT_STATUS_SUSPENDED).build());

        int status = Await.value(() -> get(path, token, Map.of("If-None-Match", etag)).statusCode(),
                code -> code != 304, Duration.ofSeconds(10), "the suspension did not reach the catalog");
        assertEquals(403, status);
    }

    private HttpResponse<byte[]> get(String path, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token).GET();
        headers.forEach(request::header);
        return rawHttp.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private RESTCatalog client(String subject, String tenant, String role, String warehouse) {
        return clients.writingInMemory(subject, tenant, role, warehouse);
    }

    /** Counts the catalog's 304 answers, to see what Iceberg's own client receives. */
    @ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
    @Requires(property = COUNT_NOT_MODIFIED, value = "true")
    static class NotModifiedCounter {
        @ResponseFilter
        public void count(MutableHttpResponse<?> response) {
            if (response.getStatus() == HttpStatus.NOT_MODIFIED) {
                NOT_MODIFIED.incrementAndGet();
            }
        }
    }
}
