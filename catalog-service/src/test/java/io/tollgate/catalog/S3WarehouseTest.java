package io.tollgate.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.StorageKeys;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.Warehouse;
import io.tollgate.proto.router.v1.WarehouseStorage;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.s3.S3MockServer;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SchemaParser;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.aws.s3.S3FileIO;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.InputFile;
import org.apache.iceberg.io.OutputFile;
import org.apache.iceberg.io.PositionOutputStream;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.rest.requests.ImmutableRemoteSignRequest;
import org.apache.iceberg.rest.requests.RemoteSignRequestParser;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 warehouses through Iceberg's own Java client and a real S3-compatible server in its own
 * process: the catalog writes metadata with the platform's keys, and a client that holds no keys
 * reads and writes data files through the catalog's remote signing, which signs only the caller's
 * own table's objects, on its warehouse's storage, with the methods its role allows.
 */
@MicronautTest
class S3WarehouseTest extends RegistryBackedCatalogTest {
    static final String PLATFORM_KEY = "platform-key";
    static final String PLATFORM_SECRET = "platform-secret-never-on-the-wire";
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final S3MockServer S3 = NEIGHBOURS.closeAfter(S3MockServer.start("lake", "other-lake"));
    static final Path LOCAL_ROOT = NEIGHBOURS.storage();
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            tenant("acme", "acme-s3", "s3://lake/acme"),
            tenant("globex", "globex-s3", "s3://lake/globex"),
            localTenant("initech", "initech-local", "file://" + LOCAL_ROOT)));
    static final Schema EVENTS = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    static final Namespace SALES = Namespace.of("sales");
    /** Small enough for a commit to pass it without a large request; the tables here stay far below it. */
    static final int MAX_METADATA_BYTES = 65536;

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Override
    Map<String, String> moreProperties() {
        // The catalog serves no gRPC; testkit brings the server library, whose port finder can race.
        return Map.of("grpc.server.enabled", "false",
                "tollgate.catalog.max-metadata-bytes", Integer.toString(MAX_METADATA_BYTES));
    }

    @BeforeAll
    void createTheTables() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-s3");
        writer.createNamespace(SALES);
        // Named locations (the catalog would add a random suffix): the signer's cases below name keys.
        writer.buildTable(TableIdentifier.of(SALES, "orders"), EVENTS).withLocation("s3://lake/acme/sales/orders").create();
        writer.buildTable(TableIdentifier.of(SALES, "refunds"), EVENTS).withLocation("s3://lake/acme/sales/refunds").create();
        RESTCatalog globex = client("writer@globex", "globex", "writer", "globex-s3");
        globex.createNamespace(SALES);
        globex.buildTable(TableIdentifier.of(SALES, "orders"), EVENTS).withLocation("s3://lake/globex/sales/orders").create();
        RESTCatalog initech = client("writer@initech", "initech", "writer", "initech-local");
        initech.createNamespace(SALES);
        initech.createTable(TableIdentifier.of(SALES, "orders"), EVENTS);
    }

    @Test
    void aClientWithoutKeysAppendsADataFileThroughRemoteSigningAndReadsItBack() throws IOException {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-s3");
        TableIdentifier orders = TableIdentifier.of(SALES, "orders");
        Table table = writer.loadTable(orders);
        assertTrue(table.location().startsWith("s3://lake/acme/"), table.location());
        assertFalse(table.io().properties().containsKey("s3.secret-access-key"), "the client got no secret key");
        assertFalse(table.io().properties().containsKey("s3.access-key-id"), "the client got no access key");

        byte[] content = "three rows, as far as the catalog knows".getBytes(StandardCharsets.UTF_8);
        String path = table.locationProvider().newDataLocation("part-00000.parquet");
        OutputFile output = table.io().newOutputFile(path);
        try (PositionOutputStream stream = output.create()) {
            stream.write(content);
        }
        DataFile file = DataFiles.builder(table.spec()).withPath(path).withFileSizeInBytes(content.length)
                .withRecordCount(3).withFormat(FileFormat.PARQUET).build();
        table.newAppend().appendFile(file).commit();

        RESTCatalog reader = client("reader@acme", "acme", "reader", "acme-s3");
        Table read = reader.loadTable(orders);
        List<String> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = read.newScan().planFiles()) {
            tasks.forEach(task -> files.add(task.file().location()));
        }
        assertEquals(List.of(path), files, "the reader sees the appended file through signed manifest reads");
        InputFile input = read.io().newInputFile(path);
        try (InputStream stream = input.newStream()) {
            assertArrayEquals(content, stream.readAllBytes());
        }

        // The reader's writes go through the same signer, which refuses them: nothing is written.
        String forbidden = read.locationProvider().newDataLocation("reader-00000.parquet");
        assertThrows(ForbiddenException.class, () -> {
            try (PositionOutputStream stream = read.io().newOutputFile(forbidden).create()) {
                stream.write(content);
            }
        });
        assertFalse(read.io().newInputFile(forbidden).exists(), "the reader's file was not written");
    }

    @Test
    void aTableCreatedAgainUnderItsNameHasItsNewDirectorySignedAtOnce() throws IOException {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-s3");
        TableIdentifier again = TableIdentifier.of(SALES, "again");
        Table first = writer.createTable(again, EVENTS);
        write(first, "first.parquet");
        writer.dropTable(again, false);

        // Within the signer's keeping time of the first table's places: the new table has a new directory.
        Table second = writer.createTable(again, EVENTS);
        assertNotEquals(first.location(), second.location());
        write(second, "second.parquet");
        assertTrue(second.io().newInputFile(second.locationProvider().newDataLocation("second.parquet")).exists());
    }

    @Test
    void aRegisteredTableIsAnsweredWithTheSignerSettingsAsALoadIs() {
        RESTCatalog admin = client("admin@acme", "acme", "tenant-admin", "acme-s3");
        String metadata = ((HasTableOperations) admin.loadTable(TableIdentifier.of(SALES, "refunds")))
                .operations().current().metadataFileLocation();

        Table registered = admin.registerTable(TableIdentifier.of(SALES, "refunds_registered"), metadata);

        assertEquals("true", registered.io().properties().get("s3.remote-signing-enabled"));
        assertTrue(registered.io().newInputFile(metadata).exists(), "its files are signed for the client");
    }

    @Test
    void aCreateTransactionWritesItsFilesThroughTheSignerBeforeItsCommitCreatesTheTable() throws IOException {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-s3");
        TableIdentifier staged = TableIdentifier.of(SALES, "staged_orders");
        Transaction create = writer.buildTable(staged, EVENTS).createTransaction();
        Table pending = create.table();
        assertFalse(writer.tableExists(staged), "a staged table is not in the catalog before its commit");

        String path = pending.locationProvider().newDataLocation("part-00000.parquet");
        byte[] content = "written before the table exists".getBytes(StandardCharsets.UTF_8);
        try (PositionOutputStream stream = pending.io().newOutputFile(path).create()) {
            stream.write(content);
        }
        create.newFastAppend().appendFile(DataFiles.builder(pending.spec()).withPath(path)
                .withFileSizeInBytes(content.length).withRecordCount(1).withFormat(FileFormat.PARQUET).build()).commit();
        create.commitTransaction();

        Table read = client("reader@acme", "acme", "reader", "acme-s3").loadTable(staged);
        List<String> files = new ArrayList<>();
        try (CloseableIterable<FileScanTask> tasks = read.newScan().planFiles()) {
            tasks.forEach(task -> files.add(task.file().location()));
        }
        assertEquals(List.of(path), files, "the manifests written before the commit were signed and stored");
        try (InputStream stream = read.io().newInputFile(path).newStream()) {
            assertArrayEquals(content, stream.readAllBytes());
        }
    }

    @Test
    void aStagedTablesFreshDirectoryIsSignedForItsStagerAloneAndNothingAroundIt() throws IOException {
        String stager = token("writer@acme", "acme", "writer");
        String location = stage(stager, "staged_signing", null, true);
        String key = location.substring("s3://lake/".length());
        assertTrue(key.matches("acme/sales/staged_signing-[0-9a-f]{32}"), key);

        for (String method : List.of("PUT", "GET", "HEAD", "DELETE")) {
            JsonBody.parse(sign(stager, "staged_signing", method, objectUri("lake", key + "/metadata/x.avro"), Map.of(),
                    "acme-s3")).assertTextContains("/headers/Authorization/0", "AWS4-HMAC-SHA256");
        }
        Map<String, URI> outside = new HashMap<>();
        outside.put("the directory's parent", objectUri("lake", "acme/sales/x.parquet"));
        outside.put("the directory itself", objectUri("lake", key));
        outside.put("a sibling prefix", objectUri("lake", key + "0/x.parquet"));
        outside.put("another table's directory", objectUri("lake", "acme/sales/orders/data/x.parquet"));
        outside.put("another warehouse's prefix", objectUri("lake", "globex/sales/orders/data/x.parquet"));
        outside.put("another bucket", objectUri("other-lake", key + "/data/x.parquet"));
        outside.put("a climbing path", URI.create(S3.endpoint() + "/lake/" + key + "/../orders/data/x.parquet"));
        outside.put("an encoded climb", URI.create(S3.endpoint() + "/lake/" + key + "/%2e%2e/orders/data/x.parquet"));
        outside.forEach((what, uri) -> assertForbidden(what, () -> sign(stager, "staged_signing", "PUT", uri, Map.of(),
                "acme-s3")));
        assertForbidden("the staged directory signed through another table's route",
                () -> sign(stager, "orders", "PUT", objectUri("lake", key + "/data/x.parquet"), Map.of(), "acme-s3"));

        URI inside = objectUri("lake", key + "/data/x.parquet");
        assertForbidden("a reader's write", () -> sign(token("reader@acme", "acme", "reader"), "staged_signing", "PUT",
                inside, Map.of(), "acme-s3"));
        assertNotFound("a reader's read of a table not created yet", () -> sign(token("reader@acme", "acme", "reader"),
                "staged_signing", "GET", inside, Map.of(), "acme-s3"));
        assertNotFound("the stager itself once its roles make it a reader", () -> sign(token("writer@acme", "acme",
                "reader"), "staged_signing", "GET", inside, Map.of(), "acme-s3"));
        assertNotFound("another writer of the tenant", () -> sign(token("other-writer@acme", "acme", "writer"),
                "staged_signing", "PUT", inside, Map.of(), "acme-s3"));
        assertNotFound("another tenant, through the stager's warehouse", () -> sign(token("writer@globex", "globex",
                "writer"), "staged_signing", "PUT", inside, Map.of(), "acme-s3"));
        assertNotFound("another tenant, through its own warehouse", () -> sign(token("writer@globex", "globex",
                "writer"), "staged_signing", "PUT", inside, Map.of(), "globex-s3"));
    }

    @Test
    void aStagedCreateThatNamedItsOwnLocationOrAskedForNoSigningHasNothingSignedBeforeItsCommit() throws IOException {
        String stager = token("writer@acme", "acme", "writer");
        String named = stage(stager, "staged_named", "s3://lake/acme/sales/orders", true);
        assertNotFound("a location the client named (here another table's)", () -> sign(stager, "staged_named", "PUT",
                objectUri("lake", named.substring("s3://lake/".length()) + "/data/x.parquet"), Map.of(), "acme-s3"));
        String unsigned = stage(stager, "staged_unsigned", null, false);
        assertNotFound("a staging that asked for no remote signing", () -> sign(stager, "staged_unsigned", "PUT",
                objectUri("lake", unsigned.substring("s3://lake/".length()) + "/data/x.parquet"), Map.of(), "acme-s3"));
    }

    @Test
    void aStagingEndsWithTheCommitThatCreatesTheTableSoADroppedTablesDirectoryIsNotSigned() throws IOException {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-s3");
        TableIdentifier dropped = TableIdentifier.of(SALES, "staged_dropped");
        Transaction create = writer.buildTable(dropped, EVENTS).createTransaction();
        String key = create.table().location().substring("s3://lake/".length());
        create.commitTransaction();
        writer.dropTable(dropped, false);

        assertNotFound("the dropped table's directory", () -> sign(token("writer@acme", "acme", "writer"),
                "staged_dropped", "PUT", objectUri("lake", key + "/data/x.parquet"), Map.of(), "acme-s3"));
    }

    /** Stages a create over plain HTTP; the location of the staged metadata. */
    private String stage(String token, String table, String location, boolean remoteSigning) {
        String body = "{\"name\":\"" + table + "\",\"stage-create\":true,"
                + (location == null ? "" : "\"location\":\"" + location + "\",")
                + "\"schema\":" + SchemaParser.toJson(EVENTS) + "}";
        MutableHttpRequest<String> request = HttpRequest.POST("/v1/acme-s3/namespaces/sales/tables", body)
                .bearerAuth(token);
        if (remoteSigning) {
            request.header("X-Iceberg-Access-Delegation", "remote-signing");
        }
        return JsonBody.parse(http.toBlocking().retrieve(request)).text("/metadata/location");
    }

    private static void assertNotFound(String what, Runnable action) {
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, action::run, what);
        assertEquals(404, refused.getStatus().getCode(), what);
    }

    @Test
    void aCommitThatWouldMakeTheMetadataLargerThanTheLimitIsRefusedAsOnALocalWarehouseAndLeavesNoObject() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-s3");
        Table table = writer.createTable(TableIdentifier.of(SALES, "capped"), EVENTS);
        String before = ((HasTableOperations) table).operations().current().metadataFileLocation();
        String metadataDirectory = table.location() + "/metadata/";
        List<String> objectsBefore = objectsUnder(metadataDirectory);

        BadRequestException refused = assertThrows(BadRequestException.class,
                () -> table.updateProperties().set("big", "v".repeat(MAX_METADATA_BYTES)).commit());

        assertTrue(refused.getMessage().contains("tollgate.catalog.max-metadata-bytes"), refused.getMessage());
        assertEquals(before, ((HasTableOperations) writer.loadTable(TableIdentifier.of(SALES, "capped")))
                .operations().current().metadataFileLocation(), "nothing was committed");
        assertEquals(objectsBefore, objectsUnder(metadataDirectory), "the partial metadata object is removed");
    }

    /** The objects under a prefix, listed with the platform's keys (a client's signer refuses listings). */
    private static List<String> objectsUnder(String prefix) {
        try (S3FileIO platform = new S3FileIO()) {
            platform.initialize(Map.of("s3.endpoint", S3.endpoint(), "s3.path-style-access", "true",
                    "client.region", "us-east-1", "s3.access-key-id", PLATFORM_KEY,
                    "s3.secret-access-key", PLATFORM_SECRET, "http-client.type", "urlconnection"));
            List<String> objects = new ArrayList<>();
            platform.listPrefix(prefix).forEach(object -> objects.add(object.location()));
            return objects.stream().sorted().toList();
        }
    }

    private static void write(Table table, String name) throws IOException {
        try (PositionOutputStream stream = table.io().newOutputFile(table.locationProvider().newDataLocation(name)).create()) {
            stream.write(name.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLoadAskingForRemoteSigningGetsTheSignerSettingsButNeverTheKeys() {
        String body = http.toBlocking().retrieve(HttpRequest.GET("/v1/acme-s3/namespaces/sales/tables/orders")
                .bearerAuth(token("reader@acme", "acme", "reader")).header("X-Iceberg-Access-Delegation", "remote-signing"));
        JsonBody.parse(body)
                .assertEquals("/config/s3.remote-signing-enabled", "true")
                .assertEquals("/config/rest.remote-signing.endpoint", "v1/acme-s3/namespaces/sales/tables/orders/sign")
                .assertEquals("/config/s3.endpoint", S3.endpoint())
                .assertEquals("/config/s3.path-style-access", "true");
        assertFalse(body.contains(PLATFORM_SECRET), "the secret key is not in the answer");
        assertFalse(body.contains(PLATFORM_KEY), "the access key is not in the answer");

        String plain = http.toBlocking().retrieve(HttpRequest.GET("/v1/acme-s3/namespaces/sales/tables/orders")
                .bearerAuth(token("reader@acme", "acme", "reader")));
        assertFalse(JsonBody.parse(plain).has("/config/s3.remote-signing-enabled"), "no delegation unless asked");
    }

    @Test
    void configAdvertisesTheSignEndpointForAnS3Warehouse() {
        String body = http.toBlocking().retrieve(HttpRequest.GET("/v1/config?warehouse=acme-s3")
                .bearerAuth(token("reader@acme", "acme", "reader")));
        List<String> endpoints = new ArrayList<>();
        JsonBody.parse(body).at("/endpoints").forEach(node -> endpoints.add(node.asText()));
        assertTrue(endpoints.contains(Endpoint.V1_TABLE_REMOTE_SIGN.toString()), endpoints.toString());
    }

    @Test
    void aLocalWarehouseDelegatesNothingAndSignsNothing() {
        String writer = token("writer@initech", "initech", "writer");
        List<String> endpoints = new ArrayList<>();
        JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET("/v1/config?warehouse=initech-local").bearerAuth(writer)))
                .at("/endpoints").forEach(node -> endpoints.add(node.asText()));
        assertFalse(endpoints.contains(Endpoint.V1_TABLE_REMOTE_SIGN.toString()), endpoints.toString());
        String loaded = http.toBlocking().retrieve(HttpRequest.GET("/v1/initech-local/namespaces/sales/tables/orders")
                .bearerAuth(writer).header("X-Iceberg-Access-Delegation", "remote-signing"));
        assertFalse(JsonBody.parse(loaded).has("/config/s3.remote-signing-enabled"));
        assertForbidden("signing for a local warehouse", () -> sign(writer, "orders", "GET",
                objectUri("lake", "acme/sales/orders/data/x.parquet"), Map.of(), "initech-local"));
    }

    @Test
    void theSignerSignsAReadersGetOfItsOwnTableWithThePlatformKeysAndAWritersPut() {
        String reader = token("reader@acme", "acme", "reader");
        String signed = sign(reader, "orders", "GET", objectUri("lake", "acme/sales/orders/data/x.parquet"), Map.of());
        JsonBody body = JsonBody.parse(signed);
        String authorization = body.at("/headers/Authorization").get(0).asText();
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + PLATFORM_KEY + "/"), authorization);
        assertFalse(signed.contains(PLATFORM_SECRET));

        String writer = token("writer@acme", "acme", "writer");
        for (String method : List.of("PUT", "DELETE", "POST")) {
            JsonBody.parse(sign(writer, "orders", method, objectUri("lake", "acme/sales/orders/data/y.parquet"), Map.of()))
                    .assertTextContains("/headers/Authorization/0", "AWS4-HMAC-SHA256");
        }
    }

    @Test
    void theSignerRefusesEverythingButTheCallersOwnTableOnItsOwnStorage() {
        String writer = token("writer@acme", "acme", "writer");
        String own = "acme/sales/orders/data/x.parquet";
        Map<String, URI> refused = new HashMap<>();
        refused.put("another table's path", objectUri("lake", "acme/sales/refunds/data/x.parquet"));
        refused.put("a sibling prefix", objectUri("lake", "acme/sales/orders2/data/x.parquet"));
        refused.put("another warehouse's prefix", objectUri("lake", "globex/sales/orders/data/x.parquet"));
        refused.put("another bucket", objectUri("other-lake", own));
        refused.put("the bucket itself", URI.create(S3.endpoint() + "/lake"));
        refused.put("a climbing path", URI.create(S3.endpoint() + "/lake/acme/sales/orders/../../../globex/sales/orders/x"));
        refused.put("an encoded climb", URI.create(S3.endpoint() + "/lake/acme/sales/orders/%2e%2e/%2E%2E/refunds/x"));
        refused.put("an encoded slash", URI.create(S3.endpoint() + "/lake/acme/sales/orders/..%2F..%2Frefunds/x"));
        refused.put("a different host", URI.create("http://elsewhere.example:" + S3.port() + "/lake/" + own));
        refused.put("a different port", URI.create("http://localhost:1/lake/" + own));
        refused.put("a different scheme", URI.create("https://localhost:" + S3.port() + "/lake/" + own));
        refused.put("an ACL change", URI.create(S3.endpoint() + "/lake/" + own + "?acl"));
        refused.put("a listing", URI.create(S3.endpoint() + "/lake?list-type=2&prefix=acme/sales/orders/"));
        refused.put("a batch delete", URI.create(S3.endpoint() + "/lake/" + own + "?delete"));
        refused.forEach((what, uri) -> assertForbidden(what, () -> sign(writer, "orders", "PUT", uri, Map.of())));

        assertForbidden("a copy from another tenant's object", () -> sign(writer, "orders", "PUT", objectUri("lake", own),
                Map.of("x-amz-copy-source", List.of("/lake/globex/sales/orders/data/secret.parquet"))));
        assertForbidden("a method clients never need", () -> sign(writer, "orders", "PATCH", objectUri("lake", own), Map.of()));
    }

    @Test
    void aReaderGetsNoSignatureForAWrite() {
        String reader = token("reader@acme", "acme", "reader");
        for (String method : List.of("PUT", "DELETE", "POST")) {
            assertForbidden("a reader's " + method,
                    () -> sign(reader, "orders", method, objectUri("lake", "acme/sales/orders/data/x.parquet"), Map.of()));
        }
    }

    @Test
    void anotherTenantCannotHaveTheTablesObjectsSigned() {
        String globex = token("writer@globex", "globex", "writer");
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> sign(globex, "orders", "GET", objectUri("lake", "acme/sales/orders/data/x.parquet"), Map.of(), "acme-s3"));
        assertEquals(404, refused.getStatus().getCode());
        assertForbidden("globex signing acme's object through its own table",
                () -> sign(globex, "orders", "GET", objectUri("lake", "acme/sales/orders/data/x.parquet"), Map.of(), "globex-s3"));
    }

    private static void assertForbidden(String what, Runnable action) {
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, action::run, what);
        assertEquals(403, refused.getStatus().getCode(), what);
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "ForbiddenException")
                .assertEquals("/error/code", 403);
    }

    private String sign(String token, String table, String method, URI uri, Map<String, List<String>> headers) {
        String prefix = token.equals(token("writer@globex", "globex", "writer")) ? "globex-s3" : "acme-s3";
        return sign(token, table, method, uri, headers, prefix);
    }

    private String sign(String token, String table, String method, URI uri, Map<String, List<String>> headers, String prefix) {
        Map<String, List<String>> all = new HashMap<>(headers);
        all.put("amz-sdk-invocation-id", List.of("1"));
        String request = RemoteSignRequestParser.toJson(ImmutableRemoteSignRequest.builder()
                .method(method).region("us-east-1").uri(uri).headers(all).provider("s3").build());
        HttpResponse<String> response = http.toBlocking().exchange(
                HttpRequest.POST("/v1/" + prefix + "/namespaces/sales/tables/" + table + "/sign", request)
                        .bearerAuth(token), String.class);
        return response.body();
    }

    private static URI objectUri(String bucket, String key) {
        return URI.create(S3.endpoint() + "/" + bucket + "/" + key);
    }

    private static String token(String subject, String tenant, String role) {
        return CatalogTestTenants.token(subject, tenant, role);
    }

    private RESTCatalog client(String subject, String tenant, String role, String warehouse) {
        Map<String, String> properties = clients.connection(subject, tenant, role, warehouse);
        properties.put("header.X-Iceberg-Access-Delegation", "remote-signing");
        properties.put("io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        // The JDK's HTTP client, as catalog-service uses: no other is on this classpath.
        properties.put("http-client.type", "urlconnection");
        return clients.open(subject, properties);
    }

    private static Tenant localTenant(String id, String warehouseName, String location) {
        Warehouse warehouse = Warehouse.newBuilder().setName(warehouseName).setLocation(location).build();
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .addWarehouses(warehouse).addWarehouses(warehouse).build();
    }

    private static Tenant tenant(String id, String warehouseName, String location) {
        Warehouse warehouse = Warehouse.newBuilder().setName(warehouseName).setLocation(location)
                .setStorage(WarehouseStorage.newBuilder().setS3(S3Storage.newBuilder()
                        .setEndpoint(S3.endpoint()).setRegion("us-east-1").setPathStyleAccess(true)
                        .setKeys(StorageKeys.newBuilder().setAccessKeyId(PLATFORM_KEY).setSecretAccessKey(PLATFORM_SECRET))))
                .build();
        // Field 8 is what the catalog reads until it reads the list (field 11); both say the same.
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .addWarehouses(warehouse).addWarehouses(warehouse).build();
    }
}
