package io.tollgate.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.HasTableOperations;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.Transaction;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table routes beyond create-load-commit, through Iceberg's own Java client over real
 * PostgreSQL: staged create, loads with only the referenced snapshots, purge (which deletes the
 * table's files under the warehouse root and nothing else), register (tenant-admins only, and only
 * metadata that lies under the root and names nothing outside it), commits naming files outside
 * the root, and metrics reports stored per tenant within their bounds.
 */
@MicronautTest
class CatalogTableFilesTest extends RegistryBackedCatalogTest {
    static final int REPORTS_KEPT = 3;
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final Path ACME_ROOT = STORAGE.resolve("acme");
    static final Path GLOBEX_ROOT = STORAGE.resolve("globex");
    static final Path OUTSIDE = STORAGE.resolve("outside");
    static final Schema EVENTS = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "kind", Types.StringType.get()));

    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            CatalogTestTenants.tenant("acme", "acme-lake", ACME_ROOT),
            CatalogTestTenants.tenant("globex", "globex-lake", GLOBEX_ROOT),
            CatalogTestTenants.tenant("initech", "initech-lake", STORAGE.resolve("initech"))));

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Override
    Map<String, String> moreProperties() {
        return Map.of("tollgate.catalog.metrics-reports.max-per-tenant", Integer.toString(REPORTS_KEPT));
    }

    @Test
    void aStagedCreateWritesNothingUntilItsCommitCreatesTheTable() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier staged = TableIdentifier.of("staging", "events");
        writer.createNamespace(staged.namespace());

        Transaction creation = writer.buildTable(staged, EVENTS).withProperty("owner", "ingest").createTransaction();
        assertFalse(writer.tableExists(staged), "a staged table is not created before its commit");
        String location = creation.table().location();
        assertTrue(location.startsWith("file://" + ACME_ROOT), location);
        creation.newAppend().appendFile(dataFile(creation.table().spec(), location + "/data/first.parquet")).commit();
        creation.commitTransaction();

        Table created = writer.loadTable(staged);
        assertEquals("ingest", created.properties().get("owner"));
        assertEquals(1, count(created.snapshots()));
        assertEquals(location, created.location());
    }

    @Test
    void aStagedCreateOutsideTheWarehouseIsRefusedAndSoIsItsCommit() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        Namespace staging = Namespace.of("staging_confined");
        writer.createNamespace(staging);
        TableIdentifier escaping = TableIdentifier.of(staging, "escaping");
        assertForbidden(() -> writer.buildTable(escaping, EVENTS).withLocation("file://" + OUTSIDE + "/t").createTransaction());
        Namespace climbing = Namespace.of("..");
        writer.createNamespace(climbing);
        assertForbidden(() -> writer.buildTable(TableIdentifier.of(climbing, "escaped"), EVENTS).createTransaction());

        // The commit that would create it, naming a location outside the root.
        String create = """
                {"requirements": [{"type": "assert-create"}],
                 "updates": [{"action": "assign-uuid", "uuid": "6a1d8f0e-4a47-4f5e-9c57-1f3a2b1c0d9e"},
                             {"action": "upgrade-format-version", "format-version": 2},
                             {"action": "set-location", "location": "file://%s/t"}]}""".formatted(OUTSIDE);
        HttpClientResponseException refused = post("/v1/acme-lake/namespaces/staging_confined/tables/escaping", create,
                clients.token("writer@acme", "acme", "writer"));
        assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        assertFalse(writer.tableExists(escaping));
        assertFalse(Files.exists(OUTSIDE.resolve("t")), "nothing was written outside the warehouse");
    }

    @Test
    void aTableInANamespaceThatWasNeverCreatedIsRefusedStagedOrNot() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier orphan = TableIdentifier.of("never_created", "orphan");
        for (Runnable create : List.<Runnable>of(() -> writer.createTable(orphan, EVENTS),
                () -> writer.buildTable(orphan, EVENTS).createTransaction())) {
            NoSuchNamespaceException refused = assertThrows(NoSuchNamespaceException.class, create::run);
            assertEquals("Namespace does not exist: never_created", refused.getMessage());
        }
        assertFalse(writer.namespaceExists(orphan.namespace()));
        assertFalse(writer.tableExists(orphan));
    }

    @Test
    void aLoadWithSnapshotsRefsCarriesOnlyTheReferencedSnapshots() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier history = TableIdentifier.of("refs", "history");
        writer.createNamespace(history.namespace());
        Table table = writer.createTable(history, EVENTS);
        for (String name : List.of("one", "two", "three")) {
            table.newAppend().appendFile(dataFile(table.spec(), table.location() + "/data/" + name + ".parquet")).commit();
        }
        long head = writer.loadTable(history).currentSnapshot().snapshotId();

        String reader = clients.token("reader@acme", "acme", "reader");
        String path = "/v1/acme-lake/namespaces/refs/tables/history";
        JsonBody all = JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET(path + "?snapshots=all").bearerAuth(reader)));
        JsonBody refs = JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET(path + "?snapshots=refs").bearerAuth(reader)));
        JsonBody unspecified = JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(reader)));
        assertEquals(3, all.at("/metadata/snapshots").size());
        assertEquals(3, unspecified.at("/metadata/snapshots").size(), "all snapshots unless asked otherwise");
        assertEquals(1, refs.at("/metadata/snapshots").size());
        refs.assertEquals("/metadata/snapshots/0/snapshot-id", head);

        // Iceberg's client in refs mode loads the rest when asked for it.
        RESTCatalog lazy = clients.as("reader@acme", "acme", "reader", "acme-lake", Map.of("snapshot-loading-mode", "refs"));
        Table loaded = lazy.loadTable(history);
        assertEquals(head, loaded.currentSnapshot().snapshotId());
        assertEquals(3, count(loaded.snapshots()));

        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET(path + "?snapshots=some").bearerAuth(reader)));
        assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus());
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "BadRequestException")
                .assertEquals("/error/message", "snapshots must be all or refs");
    }

    @Test
    void aPurgeDeletesTheTablesFilesUnderTheRootAndNothingOutsideIt() throws IOException {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier doomed = TableIdentifier.of("purging", "doomed");
        writer.createNamespace(doomed.namespace());
        Table table = writer.createTable(doomed, EVENTS);
        Path tableDirectory = Path.of(table.location().substring("file:".length()));
        Path inside = file(tableDirectory.resolve("data/inside.parquet"));
        Path later = file(tableDirectory.resolve("data/later.parquet"));
        // Another tenant's file, which a manifest the client wrote names as if it were this table's.
        Path victim = file(GLOBEX_ROOT.resolve("sales/orders/data/victim.parquet"));
        Path beside = file(OUTSIDE.resolve("beside.parquet"));
        table.newAppend()
                .appendFile(dataFile(table.spec(), "file://" + inside))
                .appendFile(dataFile(table.spec(), "file://" + victim))
                .appendFile(dataFile(table.spec(), beside.toString()))
                .commit();
        table.newAppend().appendFile(dataFile(table.spec(), "file://" + later)).commit();
        assertTrue(filesUnder(tableDirectory.resolve("metadata")).size() > 4, "metadata, manifests and manifest lists");

        RESTCatalog reader = clients.as("reader@acme", "acme", "reader", "acme-lake");
        assertForbidden(() -> reader.dropTable(doomed, true));
        assertTrue(Files.exists(inside));
        // The table's metadata table "files" is no table to drop, nor a way to purge the table's files.
        HttpClientResponseException notATable = assertThrows(HttpClientResponseException.class, () -> http.toBlocking()
                .exchange(HttpRequest.DELETE("/v1/acme-lake/namespaces/purging%1Fdoomed/tables/files?purgeRequested=true")
                        .bearerAuth(clients.token("writer@acme", "acme", "writer"))));
        assertRefused(HttpStatus.NOT_FOUND, "NoSuchTableException", notATable);
        assertTrue(Files.exists(inside));

        assertTrue(writer.dropTable(doomed, true));
        assertFalse(writer.tableExists(doomed));
        assertFalse(Files.exists(inside), "a data file under the root is purged");
        assertFalse(Files.exists(later), "so is one of an earlier snapshot");
        assertEquals(List.of(), filesUnder(tableDirectory), "every file the table's metadata reaches is purged");
        assertTrue(Files.exists(victim), "another tenant's file is never deleted");
        assertTrue(Files.exists(beside), "nor a file beside the warehouse");
    }

    @Test
    void aPurgeKeepsTheDataFilesOfATableThatSaysTheyMayBeShared() throws IOException {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier sharing = TableIdentifier.of("purging_shared", "sharing");
        writer.createNamespace(sharing.namespace());
        Table table = writer.buildTable(sharing, EVENTS).withProperty("gc.enabled", "false").create();
        Path tableDirectory = Path.of(table.location().substring("file:".length()));
        Path shared = file(tableDirectory.resolve("data/shared.parquet"));
        table.newAppend().appendFile(dataFile(table.spec(), "file://" + shared)).commit();

        assertTrue(writer.dropTable(sharing, true));
        assertTrue(Files.exists(shared), "gc.enabled=false: data files may belong to another table too");
        assertEquals(List.of(shared), filesUnder(tableDirectory), "the rest of the table's files are purged");
    }

    @Test
    void aTenantAdminRegistersATableFromMetadataUnderTheRoot() throws IOException {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier original = TableIdentifier.of("registry", "original");
        tableWithOneSnapshot(writer, original);
        String metadataFile = metadataLocation(writer.loadTable(original));
        assertTrue(writer.dropTable(original, false));

        TableIdentifier registered = TableIdentifier.of("registry", "registered");
        assertForbidden(() -> writer.registerTable(registered, metadataFile));
        assertFalse(writer.tableExists(registered));

        RESTCatalog admin = clients.as("admin@acme", "acme", "tenant-admin", "acme-lake");
        Table back = admin.registerTable(registered, metadataFile);
        assertEquals(1, count(back.snapshots()));
        assertEquals(EVENTS.asStruct(), writer.loadTable(registered).schema().asStruct());
        assertEquals(metadataFile, metadataLocation(writer.loadTable(registered)));
    }

    @Test
    void registeringMetadataOutsideTheRootOrNamingAnythingOutsideItIsRefused() throws IOException {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier source = TableIdentifier.of("crafted", "source");
        Table table = tableWithOneSnapshot(writer, source);
        Path metadataFile = Path.of(metadataLocation(writer.loadTable(source)).substring("file:".length()));
        String metadata = Files.readString(metadataFile);
        String manifestList = writer.loadTable(source).currentSnapshot().manifestListLocation();

        Path copiedOutside = OUTSIDE.resolve("copied.metadata.json");
        Files.createDirectories(OUTSIDE);
        Files.copy(metadataFile, copiedOutside);
        Path elsewhere = metadataFile.resolveSibling("elsewhere.metadata.json");
        Files.writeString(elsewhere, metadata.replace("\"location\":\"" + table.location() + "\"",
                "\"location\":\"file://" + GLOBEX_ROOT + "/sales/orders\""));
        Path foreignManifests = metadataFile.resolveSibling("foreign-manifests.metadata.json");
        Files.writeString(foreignManifests, metadata.replace(manifestList, "file://" + GLOBEX_ROOT + "/snap.avro"));
        assertTrue(Files.readString(elsewhere).contains(GLOBEX_ROOT.toString()), "the crafted location is in place");
        assertTrue(Files.readString(foreignManifests).contains(GLOBEX_ROOT.toString()), "the crafted manifest list is in place");

        RESTCatalog admin = clients.as("admin@acme", "acme", "tenant-admin", "acme-lake");
        TableIdentifier stolen = TableIdentifier.of("crafted", "stolen");
        for (Path crafted : List.of(copiedOutside, elsewhere, foreignManifests)) {
            assertForbidden(() -> admin.registerTable(stolen, "file://" + crafted));
            assertFalse(writer.tableExists(stolen), crafted.toString());
        }
        assertForbidden(() -> admin.registerTable(stolen, "file://" + GLOBEX_ROOT + "/sales/orders/metadata/v1.metadata.json"));

        String token = clients.token("admin@acme", "acme", "tenant-admin");
        HttpClientResponseException garbage = post("/v1/acme-lake/namespaces/crafted/register",
                "{\"name\": \"garbage\", \"metadata-location\": \"file://" + metadataFile.resolveSibling("../data/a.parquet")
                        .normalize() + "\"}", token);
        assertEquals(HttpStatus.BAD_REQUEST, garbage.getStatus(), "a file that is not metadata is the request's fault");
        JsonBody.parse(garbage.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "BadRequestException");
    }

    @Test
    void aCommitNamingFilesOutsideTheRootIsRefused() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier ledger = TableIdentifier.of("commits", "ledger");
        writer.createNamespace(ledger.namespace());
        writer.createTable(ledger, EVENTS);
        String foreign = "file://" + GLOBEX_ROOT + "/sales/orders/metadata";
        List<String> updates = List.of(
                """
                {"action": "add-snapshot", "snapshot": {"snapshot-id": 7, "sequence-number": 1, "timestamp-ms": 1,
                 "manifest-list": "%s/snap-7.avro", "summary": {"operation": "append"}, "schema-id": 0}}""".formatted(foreign),
                """
                {"action": "add-snapshot", "snapshot": {"snapshot-id": 8, "sequence-number": 1, "timestamp-ms": 1,
                 "manifests": ["%s/m.avro"], "summary": {"operation": "append"}, "schema-id": 0}}""".formatted(foreign),
                """
                {"action": "set-statistics", "snapshot-id": 7, "statistics": {"snapshot-id": 7,
                 "statistics-path": "%s/stats.puffin", "file-size-in-bytes": 1, "file-footer-size-in-bytes": 1,
                 "blob-metadata": []}}""".formatted(foreign),
                """
                {"action": "set-partition-statistics", "partition-statistics": {"snapshot-id": 7,
                 "statistics-path": "%s/partition-stats.parquet", "file-size-in-bytes": 1}}""".formatted(foreign),
                """
                {"action": "set-properties", "updates": {"write.object-storage.path": "%s"}}""".formatted(foreign),
                """
                {"action": "set-properties", "updates": {"write.folder-storage.path": "%s"}}""".formatted(foreign));
        String token = clients.token("writer@acme", "acme", "writer");
        for (String update : updates) {
            HttpClientResponseException refused = post("/v1/acme-lake/namespaces/commits/tables/ledger",
                    "{\"requirements\": [], \"updates\": [" + update + "]}", token);
            // Embedded manifests are locations no accessor shows: refused as a malformed commit (400);
            // every location that can be read is refused as outside the warehouse (403).
            boolean embedded = update.contains("\"manifests\"");
            assertEquals(embedded ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN, refused.getStatus(), update);
            JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                    .assertEquals("/error/type", embedded ? "BadRequestException" : "ForbiddenException");
        }
        Table unchanged = writer.loadTable(ledger);
        assertEquals(0, count(unchanged.snapshots()));
        assertEquals(List.of(), unchanged.statisticsFiles());
    }

    @Test
    void metricsReportsAreStoredPerTenantAndBounded() throws SQLException {
        RESTCatalog writer = clients.as("writer@initech", "initech", "writer", "initech-lake");
        TableIdentifier events = TableIdentifier.of("telemetry", "events");
        writer.createNamespace(events.namespace());
        writer.createTable(events, EVENTS);
        String reader = clients.token("reader@initech", "initech", "reader");
        String path = "/v1/initech-lake/namespaces/telemetry/tables/events/metrics";

        for (int snapshot = 1; snapshot <= REPORTS_KEPT + 2; snapshot++) {
            HttpResponse<?> stored = http.toBlocking().exchange(HttpRequest.POST(path, scanReport(snapshot, "")).bearerAuth(reader));
            assertEquals(HttpStatus.NO_CONTENT, stored.getStatus());
        }
        assertEquals(List.of("3", "4", "5"), storedSnapshotIds("initech"), "a tenant keeps its newest reports");
        try (Connection connection = NEIGHBOURS.db().connect();
             PreparedStatement query = connection.prepareStatement(
                     "SELECT warehouse, namespace, table_name, report_type FROM catalog.metrics_reports WHERE tenant_id = 'initech'");
             ResultSet row = query.executeQuery()) {
            assertTrue(row.next());
            assertEquals(List.of("initech-lake", "telemetry", "events", "scan-report"),
                    List.of(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
        }

        String padding = "x".repeat(70_000);
        assertRefused(HttpStatus.BAD_REQUEST, "BadRequestException", post(path, scanReport(6, padding), reader));
        assertRefused(HttpStatus.BAD_REQUEST, "BadRequestException",
                post(path, "{\"report-type\": \"heap-dump\", \"table-name\": \"x\"}", reader));
        assertRefused(HttpStatus.BAD_REQUEST, "BadRequestException", post(path, scanReport(6, "\\u0000"), reader));
        // Accepted (clients report a staged table's commits before it exists), but not kept.
        assertEquals(HttpStatus.NO_CONTENT, http.toBlocking().exchange(HttpRequest.POST(
                "/v1/initech-lake/namespaces/telemetry/tables/nothing/metrics", scanReport(7, "")).bearerAuth(reader)).getStatus());
        String globex = clients.token("reader@globex", "globex", "reader");
        assertRefused(HttpStatus.NOT_FOUND, "NotFoundException", post(path, scanReport(8, ""), globex));
        assertEquals(List.of("3", "4", "5"), storedSnapshotIds("initech"), "refused reports are not stored, nor "
                + "those about a table that does not exist");
        assertEquals(List.of(), storedSnapshotIds("globex"), "nothing is stored for a tenant refused");
    }

    @Test
    void anIcebergClientsOwnScanReportIsStored() throws SQLException, IOException {
        RESTCatalog writer = clients.as("writer@globex", "globex", "writer", "globex-lake");
        TableIdentifier scanned = TableIdentifier.of("scans", "scanned");
        tableWithOneSnapshot(writer, scanned);

        RESTCatalog reader = clients.as("reader@globex", "globex", "reader", "globex-lake");
        try (CloseableIterable<?> tasks = reader.loadTable(scanned).newScan().planFiles()) {
            tasks.forEach(task -> { });
        }
        Await.until(() -> reportTypes("globex").contains("scan-report"), Duration.ofSeconds(10),
                "the client's scan report was not stored");
    }

    private static long count(Iterable<?> items) {
        long count = 0;
        for (Object ignored : items) {
            count++;
        }
        return count;
    }

    private static String scanReport(long snapshotId, String padding) {
        return """
                {"report-type": "scan-report", "table-name": "initech.telemetry.events%s", "snapshot-id": %d,
                 "filter": true, "schema-id": 0, "projected-field-ids": [1], "projected-field-names": ["id"],
                 "metrics": {}}""".formatted(padding, snapshotId);
    }

    private List<String> storedSnapshotIds(String tenant) throws SQLException {
        return column("SELECT report->>'snapshot-id' FROM catalog.metrics_reports WHERE tenant_id = ? ORDER BY id", tenant);
    }

    private List<String> reportTypes(String tenant) {
        try {
            return column("SELECT report_type FROM catalog.metrics_reports WHERE tenant_id = ? ORDER BY id", tenant);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> column(String sql, String tenant) throws SQLException {
        try (Connection connection = NEIGHBOURS.db().connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenant);
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** A new table (in a new namespace) with one appended data file, as its client sees it after the append. */
    private static Table tableWithOneSnapshot(RESTCatalog writer, TableIdentifier identifier) {
        writer.createNamespace(identifier.namespace());
        Table table = writer.createTable(identifier, EVENTS);
        table.newAppend().appendFile(dataFile(table.spec(), table.location() + "/data/a.parquet")).commit();
        return table;
    }

    private static DataFile dataFile(PartitionSpec spec, String location) {
        return DataFiles.builder(spec).withPath(location).withFormat(FileFormat.PARQUET)
                .withFileSizeInBytes(10).withRecordCount(1).build();
    }

    private static String metadataLocation(Table table) {
        return ((HasTableOperations) table).operations().current().metadataFileLocation();
    }

    private static Path file(Path path) throws IOException {
        Files.createDirectories(path.getParent());
        return Files.writeString(path, "not really parquet");
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }

    private HttpClientResponseException post(String path, String body, String token) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.POST(path, body).bearerAuth(token)));
    }

    private static void assertRefused(HttpStatus status, String type, HttpClientResponseException refusal) {
        assertEquals(status, refusal.getStatus());
        JsonBody.parse(refusal.getResponse().getBody(String.class).orElse("")).assertEquals("/error/type", type);
    }

    private static void assertForbidden(Runnable action) {
        assertThrows(ForbiddenException.class, action::run);
    }
}
