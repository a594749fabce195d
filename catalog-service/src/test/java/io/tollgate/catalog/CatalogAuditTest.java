package io.tollgate.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.catalog.audit.CatalogAudit;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.logs.AuditCapture;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import jakarta.inject.Inject;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every mutation leaves one audit event (tenant, subject, operation, table, snapshot, outcome,
 * time, request id) as a line in the shared audit form and a row admins read through
 * {@code GET /admin/v1/audit/events}: a tenant-admin its own tenant's, a platform-admin any
 * tenant's, nobody else any; events past the retention are swept.
 */
@MicronautTest
class CatalogAuditTest extends RegistryBackedCatalogTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final PostgresDatabase DB = NEIGHBOURS.db();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(tenant("acme"), tenant("globex")));
    static final Schema ORDERS = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

    @Inject
    CatalogAudit audit;

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Override
    Map<String, String> moreProperties() {
        return Map.of("tollgate.catalog.audit.retention", "1d");
    }

    @Test
    void eachMutationIsOneAuditLineWithItsOutcomeAndACommitsSnapshot() {
        RESTCatalog writer = client("writer@acme", "acme", "writer");
        TableIdentifier orders = TableIdentifier.of("sales", "orders");
        try (AuditCapture lines = AuditCapture.start()) {
            writer.createNamespace(orders.namespace());
            Table table = writer.createTable(orders, ORDERS);
            table.newAppend().appendFile(dataFile(table)).commit();
            long snapshot = writer.loadTable(orders).currentSnapshot().snapshotId();
            assertThrows(ForbiddenException.class,
                    () -> client("reader@acme", "acme", "reader").createNamespace(Namespace.of("readers")));
            assertThrows(NoSuchTableException.class, () -> writer.renameTable(TableIdentifier.of("sales", "missing"),
                    TableIdentifier.of("sales", "moved")));

            List<String> events = lines.events("catalog.mutation");
            assertEquals(List.of(
                    "operation=namespace.create warehouse=acme-lake namespace=sales table=- snapshot_id=- outcome=ok",
                    "operation=table.create warehouse=acme-lake namespace=sales table=orders snapshot_id=- outcome=ok",
                    "operation=table.commit warehouse=acme-lake namespace=sales table=orders snapshot_id=" + snapshot
                            + " outcome=ok",
                    "operation=namespace.create warehouse=acme-lake namespace=readers table=- snapshot_id=- outcome=refused",
                    "operation=table.rename warehouse=acme-lake namespace=sales table=missing snapshot_id=- outcome=failed"),
                    events.stream().map(line -> line.substring(line.indexOf("operation="), line.indexOf(" request_id=")))
                            .toList());
            assertTrue(events.get(0).startsWith("event=catalog.mutation tenant=acme subject=writer@acme "), events.get(0));
            assertTrue(events.get(3).contains(" subject=reader@acme "), events.get(3));
            assertTrue(events.get(4).endsWith(" detail=to_sales.moved"), events.get(4));
        }
    }

    @Test
    void aTenantAdminReadsItsTenantsEventsFilteredAndPagedAndNoOtherTenants() {
        RESTCatalog writer = client("writer@acme", "acme", "writer");
        TableIdentifier ledger = TableIdentifier.of("finance", "ledger");
        writer.createNamespace(ledger.namespace());
        Table table = writer.createTable(ledger, ORDERS);
        table.newAppend().appendFile(dataFile(table)).commit();
        long snapshot = writer.loadTable(ledger).currentSnapshot().snapshotId();
        client("writer@globex", "globex", "writer").createNamespace(Namespace.of("finance"));
        String admin = TOKENS.mint("admin@acme", "acme", List.of("tenant-admin"), Duration.ofMinutes(5));

        JsonBody events = get("/admin/v1/audit/events?namespace=finance&table=ledger", admin);
        events.assertEquals("/events/0/operation", "table.commit")
                .assertEquals("/events/0/snapshotId", snapshot)
                .assertEquals("/events/0/tenant", "acme")
                .assertEquals("/events/0/subject", "writer@acme")
                .assertEquals("/events/0/outcome", "ok")
                .assertEquals("/events/1/operation", "table.create");
        assertFalse(events.has("/events/2"));
        assertFalse(events.has("/nextPageToken"));
        assertTrue(events.text("/events/0/requestId").length() > 8, "each event names its request");
        assertFalse(events.text("/events/0/time").isEmpty());

        JsonBody ours = get("/admin/v1/audit/events?namespace=finance", admin);
        ours.root().get("events").forEach(event -> assertEquals("acme", event.get("tenant").asText()));

        JsonBody first = get("/admin/v1/audit/events?namespace=finance&pageSize=1", admin);
        JsonBody second = get("/admin/v1/audit/events?namespace=finance&pageSize=1&pageToken="
                + first.text("/nextPageToken"), admin);
        assertNotEquals(first.at("/events/0/id").asLong(), second.at("/events/0/id").asLong());
        assertEquals("table.create", second.text("/events/0/operation"));

        assertFalse(get("/admin/v1/audit/events?subject=nobody@acme", admin).has("/events/0"));
        assertFalse(get("/admin/v1/audit/events?from=2999-01-01T00:00:00Z", admin).has("/events/0"));
        assertTrue(get("/admin/v1/audit/events?to=2999-01-01T00:00:00Z", admin).has("/events/0"));

        // Another tenant's events: refused alike whether the tenant exists or not.
        HttpClientResponseException globex = refused("/admin/v1/audit/events?tenant=globex", admin);
        HttpClientResponseException nobody = refused("/admin/v1/audit/events?tenant=nobody", admin);
        assertEquals(HttpStatus.FORBIDDEN, globex.getStatus());
        assertEquals(globex.getResponse().getBody(String.class), nobody.getResponse().getBody(String.class));
        JsonBody.parse(globex.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "ForbiddenException");
    }

    @Test
    void aPlatformAdminReadsAnyTenantsEventsAndOthersReadNone() {
        client("writer@globex", "globex", "writer").createNamespace(Namespace.of("platform_sees"));
        String platform = TOKENS.mint("admin@platform", "platform", List.of("platform-admin"), Duration.ofMinutes(5));

        JsonBody globex = get("/admin/v1/audit/events?tenant=globex&namespace=platform_sees", platform);
        globex.assertEquals("/events/0/tenant", "globex").assertEquals("/events/0/operation", "namespace.create");
        assertTrue(get("/admin/v1/audit/events?namespace=platform_sees", platform).has("/events/0"),
                "without a tenant filter: every tenant's");

        for (String role : List.of("writer", "reader")) {
            String token = TOKENS.mint(role + "@acme", "acme", List.of(role), Duration.ofMinutes(5));
            assertEquals(HttpStatus.FORBIDDEN, refused("/admin/v1/audit/events", token).getStatus(), role);
        }
        String platformReader = TOKENS.mint("ops@platform", "platform", List.of("reader"), Duration.ofMinutes(5));
        assertEquals(HttpStatus.FORBIDDEN, refused("/admin/v1/audit/events", platformReader).getStatus());
        assertEquals(HttpStatus.BAD_REQUEST, refused("/admin/v1/audit/events?from=yesterday", platform).getStatus());
        assertEquals(HttpStatus.BAD_REQUEST, refused("/admin/v1/audit/events?pageSize=5000", platform).getStatus());
    }

    @Test
    void eventsOlderThanTheRetentionAreSwept() throws SQLException {
        client("writer@acme", "acme", "writer").createNamespace(Namespace.of("recent"));
        try (Connection connection = DB.connect(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO catalog.audit_events (occurred_at, tenant_id, subject, operation, "
                    + "warehouse, namespace, table_name, outcome, request_id, detail) VALUES (now() - interval '2 days', "
                    + "'acme', 'writer@acme', 'namespace.create', 'acme-lake', 'ancient', '', 'ok', 'r', '')");
        }
        String admin = TOKENS.mint("admin@acme", "acme", List.of("tenant-admin"), Duration.ofMinutes(5));
        assertTrue(get("/admin/v1/audit/events?namespace=ancient", admin).has("/events/0"));

        audit.sweep();

        assertFalse(get("/admin/v1/audit/events?namespace=ancient", admin).has("/events/0"), "past the retention");
        assertTrue(get("/admin/v1/audit/events?namespace=recent", admin).has("/events/0"), "within the retention");
    }

    private static DataFile dataFile(Table table) {
        return DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(table.location() + "/data/part-0.parquet")
                .withFileSizeInBytes(100).withRecordCount(1).build();
    }

    private JsonBody get(String path, String token) {
        return JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token)));
    }

    private HttpClientResponseException refused(String path, String token) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token)));
    }

    private RESTCatalog client(String subject, String tenant, String role) {
        return clients.writingInMemory(subject, tenant, role, tenant + "-lake");
    }

    private static Tenant tenant(String id) {
        return CatalogTestTenants.tenantBuilder(id, TenantStatus.TENANT_STATUS_ACTIVE, STORAGE).build();
    }
}
