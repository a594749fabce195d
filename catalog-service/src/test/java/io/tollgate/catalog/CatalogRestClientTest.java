package io.tollgate.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.Warehouse;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog through Iceberg's own Java client ({@code RESTCatalog} with a bearer token) over real
 * PostgreSQL and a real registry stream: what a tenant's users can and cannot do to its warehouse,
 * and that nothing of one tenant's warehouse shows to another.
 */
@MicronautTest
class CatalogRestClientTest extends RegistryBackedCatalogTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final Path ACME_ROOT = STORAGE.resolve("acme");
    static final Path OUTSIDE = STORAGE.resolve("outside");
    // Apart from STORAGE, whose every entry one test accounts for.
    static final Path ACME_ARCHIVE_ROOT = NEIGHBOURS.newDirectory().resolve("acme-archive");
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            tenant("acme", warehouse("acme-lake", ACME_ROOT), warehouse("acme-archive", ACME_ARCHIVE_ROOT)),
            tenant("globex", warehouse("globex-lake", STORAGE.resolve("globex")))));
    static final Schema ORDERS = new Schema(
            Types.NestedField.required(1, "id", Types.LongType.get()),
            Types.NestedField.optional(2, "customer", Types.StringType.get()));

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Test
    void aWriterCreatesLoadsCommitsRenamesAndDropsATable() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        Namespace sales = Namespace.of("sales");
        writer.createNamespace(sales, new HashMap<>(Map.of("owner", "finance")));
        assertEquals("finance", writer.loadNamespaceMetadata(sales).get("owner"));
        assertTrue(writer.listNamespaces().contains(sales));

        TableIdentifier orders = TableIdentifier.of(sales, "orders");
        Table created = writer.createTable(orders, ORDERS);
        assertTrue(created.location().startsWith("file://" + ACME_ROOT), created.location());
        assertTrue(Files.isDirectory(Path.of(created.location().substring("file:".length()), "metadata")),
                "the table's metadata is written under the warehouse root");

        writer.loadTable(orders).updateSchema().addColumn("amount", Types.DoubleType.get()).commit();
        writer.loadTable(orders).updateProperties().set("comment", "daily orders").commit();
        Table loaded = writer.loadTable(orders);
        assertNotNull(loaded.schema().findField("amount"));
        assertEquals("daily orders", loaded.properties().get("comment"));
        assertEquals(List.of(orders), writer.listTables(sales));

        TableIdentifier renamed = TableIdentifier.of(sales, "orders_v2");
        writer.renameTable(orders, renamed);
        assertFalse(writer.tableExists(orders));
        assertNotNull(writer.loadTable(renamed).schema().findField("amount"));

        assertTrue(writer.dropTable(renamed, false));
        assertFalse(writer.tableExists(renamed));
        assertTrue(writer.dropNamespace(sales));
        assertFalse(writer.namespaceExists(sales));
    }

    @Test
    void aReaderListsAndLoadsButCannotWrite() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        Namespace shared = Namespace.of("shared");
        TableIdentifier prices = TableIdentifier.of(shared, "prices");
        writer.createNamespace(shared);
        writer.createTable(prices, ORDERS);

        RESTCatalog reader = client("reader@acme", "acme", "reader", "acme-lake");
        assertTrue(reader.listNamespaces().contains(shared));
        assertEquals(List.of(prices), reader.listTables(shared));
        assertEquals(ORDERS.asStruct(), reader.loadTable(prices).schema().asStruct());

        assertForbidden(() -> reader.createNamespace(Namespace.of("readers_own")));
        assertForbidden(() -> reader.createTable(TableIdentifier.of(shared, "readers_table"), ORDERS));
        assertForbidden(() -> reader.loadTable(prices).updateProperties().set("k", "v").commit());
        assertForbidden(() -> reader.renameTable(prices, TableIdentifier.of(shared, "moved")));
        assertForbidden(() -> reader.dropTable(prices, false));

        assertFalse(writer.namespaceExists(Namespace.of("readers_own")));
        assertFalse(writer.tableExists(TableIdentifier.of(shared, "readers_table")));
        assertFalse(writer.loadTable(prices).properties().containsKey("k"));
        assertTrue(writer.tableExists(prices));
    }

    @Test
    void onlyATenantAdminChangesANamespacesProperties() {
        Namespace team = Namespace.of("team");
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        writer.createNamespace(team);
        assertForbidden(() -> writer.setProperties(team, new HashMap<>(Map.of("owner", "writer"))));

        RESTCatalog admin = client("admin@acme", "acme", "tenant-admin", "acme-lake");
        admin.setProperties(team, new HashMap<>(Map.of("owner", "data-platform")));
        assertEquals("data-platform", writer.loadNamespaceMetadata(team).get("owner"));
    }

    @Test
    void anotherTenantGetsTheSameAnswerForATenantsTableAsForOneThatDoesNotExist() {
        RESTCatalog globex = client("writer@globex", "globex", "writer", "globex-lake");
        TableIdentifier secret = TableIdentifier.of("acme_only", "secret");
        RuntimeException beforeItExists = assertThrows(NoSuchTableException.class, () -> globex.loadTable(secret));
        boolean namespaceBefore = globex.namespaceExists(secret.namespace());

        RESTCatalog acme = client("writer@acme", "acme", "writer", "acme-lake");
        acme.createNamespace(secret.namespace());
        acme.createTable(secret, ORDERS);

        RuntimeException afterItExists = assertThrows(NoSuchTableException.class, () -> globex.loadTable(secret));
        assertEquals(beforeItExists.getMessage(), afterItExists.getMessage());
        assertEquals(namespaceBefore, globex.namespaceExists(secret.namespace()));
        assertFalse(globex.tableExists(secret));
        assertFalse(globex.listNamespaces().contains(secret.namespace()));
        assertThrows(NoSuchNamespaceException.class, () -> globex.listTables(secret.namespace()));
    }

    @Test
    void anotherTenantsWarehouseAnswersAsAWarehouseThatDoesNotExist() {
        String globex = TOKENS.mint("writer@globex", "globex", List.of("writer"), Duration.ofMinutes(5));
        for (String path : List.of("/v1/config?warehouse=%s", "/v1/%s/namespaces")) {
            HttpClientResponseException acmes = refusal(String.format(path, "acme-lake"), globex);
            HttpClientResponseException nobodys = refusal(String.format(path, "nobodys-lake"), globex);
            assertEquals(HttpStatus.NOT_FOUND, acmes.getStatus(), path);
            assertEquals(nobodys.getStatus(), acmes.getStatus(), path);
            JsonBody.parse(acmes.getResponse().getBody(String.class).orElse(""))
                    .assertEquals("/error/type", "NotFoundException")
                    .assertEquals("/error/message", "Warehouse not found: acme-lake");
            JsonBody.parse(nobodys.getResponse().getBody(String.class).orElse(""))
                    .assertEquals("/error/type", "NotFoundException")
                    .assertEquals("/error/message", "Warehouse not found: nobodys-lake");
        }
    }

    @Test
    void aTenantsTwoWarehousesAreSeparateCatalogsEachUnderItsOwnRoot() {
        RESTCatalog lake = client("writer@acme", "acme", "writer", "acme-lake");
        RESTCatalog archive = client("writer@acme", "acme", "writer", "acme-archive");
        TableIdentifier yearly = TableIdentifier.of("archived", "yearly");
        archive.createNamespace(yearly.namespace());
        Table archived = archive.createTable(yearly, ORDERS);

        assertTrue(archived.location().startsWith("file://" + ACME_ARCHIVE_ROOT + "/"), archived.location());
        assertTrue(archive.tableExists(yearly));
        assertFalse(lake.namespaceExists(yearly.namespace()), "a namespace of one warehouse is not in the other");
        assertFalse(lake.tableExists(yearly), "a table of one warehouse is not in the other");
        assertThrows(NoSuchTableException.class, () -> lake.loadTable(yearly));

        TableIdentifier sameName = TableIdentifier.of("archived", "yearly");
        lake.createNamespace(sameName.namespace());
        Table inLake = lake.createTable(sameName, ORDERS);
        assertTrue(inLake.location().startsWith("file://" + ACME_ROOT + "/"), inLake.location());
        assertEquals(archived.location(), archive.loadTable(yearly).location(), "each keeps its own table");
        assertTrue(archive.dropTable(yearly, false));
        assertTrue(lake.tableExists(sameName), "dropping in one warehouse leaves the other's table");
    }

    @Test
    void configNamesTheWarehouseAskedForOrTheTenantsFirst() {
        String reader = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET("/v1/config?warehouse=acme-archive").bearerAuth(reader)))
                .assertEquals("/overrides/prefix", "acme-archive");
        JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET("/v1/config").bearerAuth(reader)))
                .assertEquals("/overrides/prefix", "acme-lake");

        String globex = TOKENS.mint("writer@globex", "globex", List.of("writer"), Duration.ofMinutes(5));
        for (String path : List.of("/v1/config?warehouse=acme-archive", "/v1/acme-archive/namespaces")) {
            HttpClientResponseException refused = refusal(path, globex);
            assertEquals(HttpStatus.NOT_FOUND, refused.getStatus(), path);
            JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                    .assertEquals("/error/message", "Warehouse not found: acme-archive");
        }
    }

    @Test
    void nestedNamespacesAreListedUnderTheirParentAndAPageAtATime() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        Namespace region = Namespace.of("region");
        Namespace emea = Namespace.of("region", "emea");
        Namespace apac = Namespace.of("region", "apac");
        writer.createNamespace(region);
        writer.createNamespace(emea, new HashMap<>(Map.of("continent", "europe")));
        writer.createNamespace(apac);
        assertEquals("europe", writer.loadNamespaceMetadata(emea).get("continent"));
        assertEquals(List.of(apac, emea), writer.listNamespaces(region).stream()
                .sorted(Comparator.comparing(Namespace::toString)).toList());

        String reader = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        JsonBody firstPage = JsonBody.parse(http.toBlocking().retrieve(
                HttpRequest.GET("/v1/acme-lake/namespaces?parent=region&pageSize=1").bearerAuth(reader)));
        firstPage.assertEquals("/namespaces/0/0", "region");
        String next = firstPage.text("/next-page-token");
        JsonBody secondPage = JsonBody.parse(http.toBlocking().retrieve(
                HttpRequest.GET("/v1/acme-lake/namespaces?parent=region&pageSize=1&pageToken=" + next).bearerAuth(reader)));
        secondPage.assertEquals("/namespaces/0/0", "region");
        assertEquals(List.of("apac", "emea"), Stream.of(firstPage.text("/namespaces/0/1"),
                secondPage.text("/namespaces/0/1")).sorted().toList(), "the two pages hold one child each");
        assertFalse(secondPage.has("/namespaces/1"));
    }

    @Test
    void aPageIsBoundedAndAMalformedPageRequestIsABadRequestInOurWords() {
        String reader = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        for (String query : List.of("pageSize=0", "pageSize=-1", "pageSize=1001", "pageSize=2147483647",
                "pageSize=99999999999", "pageSize=abc", "pageSize=", "pageToken=abc", "pageToken=-5",
                "pageToken=2147483647&pageSize=1000", "pageToken=1e3")) {
            for (String list : List.of("/v1/acme-lake/namespaces?", "/v1/acme-lake/namespaces/paging/tables?")) {
                HttpClientResponseException refused = refusal(list + query, reader);
                assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), list + query);
                JsonBody body = JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""));
                body.assertEquals("/error/type", "BadRequestException");
                assertTrue(body.text("/error/message").startsWith("page"), list + query + ": " + body.text("/error/message"));
            }
        }
        // The largest page a caller may ask for is served.
        assertTrue(JsonBody.parse(http.toBlocking().retrieve(
                HttpRequest.GET("/v1/acme-lake/namespaces?pageSize=1000&pageToken=").bearerAuth(reader)))
                .has("/namespaces"), "a page of 1000 is a page");
    }

    @Test
    void tablesArePagedByNameAndAPageResumesWhereTheLastEndedThoughTablesChangedBetween() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        Namespace shelf = Namespace.of("shelf");
        writer.createNamespace(shelf);
        for (String name : List.of("t3", "t1", "t5", "t2")) {
            writer.createTable(TableIdentifier.of(shelf, name), ORDERS);
        }
        String reader = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        String tables = "/v1/acme-lake/namespaces/shelf/tables?pageSize=2";
        JsonBody first = JsonBody.parse(http.toBlocking().retrieve(HttpRequest.GET(tables).bearerAuth(reader)));
        assertEquals(List.of("t1", "t2"), names(first));
        // Between pages: one already shown is dropped, one sorting before the page's end and one after are created.
        writer.dropTable(TableIdentifier.of(shelf, "t2"));
        writer.createTable(TableIdentifier.of(shelf, "t0"), ORDERS);
        writer.createTable(TableIdentifier.of(shelf, "t4"), ORDERS);
        JsonBody second = JsonBody.parse(http.toBlocking().retrieve(
                HttpRequest.GET(tables + "&pageToken=" + first.text("/next-page-token")).bearerAuth(reader)));
        assertEquals(List.of("t3", "t4"), names(second), "nothing skipped, nothing repeated");
        JsonBody last = JsonBody.parse(http.toBlocking().retrieve(
                HttpRequest.GET(tables + "&pageToken=" + second.text("/next-page-token")).bearerAuth(reader)));
        assertEquals(List.of("t5"), names(last));
        assertTrue(!last.has("/next-page-token") || last.at("/next-page-token").isNull(), "the last page says so");

        // Iceberg's own client follows the tokens a page at a time.
        Map<String, String> paging = clients.connection("reader@acme", "acme", "reader", "acme-lake");
        paging.put("rest-page-size", "2");
        assertEquals(Stream.of("t0", "t1", "t3", "t4", "t5").map(name -> TableIdentifier.of(shelf, name)).toList(),
                clients.open("pager", paging).listTables(shelf));

        writer.createNamespace(Namespace.of("bare"));
        assertEquals(List.of(), writer.listTables(Namespace.of("bare")), "an empty namespace has an empty page");
        assertThrows(NoSuchNamespaceException.class, () -> writer.listTables(Namespace.of("nowhere")));
        HttpClientResponseException missing = refusal("/v1/acme-lake/namespaces/nowhere/tables?pageToken="
                + first.text("/next-page-token"), reader);
        assertEquals(HttpStatus.NOT_FOUND, missing.getStatus(), "a namespace that does not exist, with a token too");
    }

    @Test
    void aTablePageTokenNotOfThisCatalogsFormIsABadRequest() {
        String reader = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        String invalidUtf8 = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {(byte) 0xff});
        for (String token : List.of("n.", "n.dDE%3D", "n.*", "n." + invalidUtf8, "n." + "A".repeat(2_000), "dDE")) {
            HttpClientResponseException refused = refusal("/v1/acme-lake/namespaces/shelf/tables?pageToken=" + token, reader);
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), token);
            JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                    .assertEquals("/error/type", "BadRequestException")
                    .assertEquals("/error/message", "pageToken is not one this catalog gave");
        }
    }

    @Test
    void aCommitWhoseRequirementNoLongerHoldsIsAConflict() {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier ledger = TableIdentifier.of("conflicts", "ledger");
        writer.createNamespace(ledger.namespace());
        writer.createTable(ledger, ORDERS);
        String token = TOKENS.mint("writer@acme", "acme", List.of("writer"), Duration.ofMinutes(5));
        String stale = """
                {"requirements": [{"type": "assert-current-schema-id", "current-schema-id": 99}],
                 "updates": [{"action": "set-properties", "updates": {"stale": "yes"}}]}""";
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.POST("/v1/acme-lake/namespaces/conflicts/tables/ledger", stale)
                        .bearerAuth(token)));
        assertEquals(HttpStatus.CONFLICT, refused.getStatus());
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "CommitFailedException")
                .assertEquals("/error/code", 409);
        assertFalse(writer.loadTable(ledger).properties().containsKey("stale"));
    }

    @Test
    void configAdvertisesThePrefixAndExactlyTheServedEndpoints() {
        String reader = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        String body = http.toBlocking().retrieve(HttpRequest.GET("/v1/config?warehouse=acme-lake").bearerAuth(reader));
        JsonBody config = JsonBody.parse(body).assertEquals("/overrides/prefix", "acme-lake");
        List<String> advertised = new ArrayList<>();
        config.at("/endpoints").forEach(endpoint -> advertised.add(endpoint.asText()));
        assertEquals(List.of(
                "GET /v1/{prefix}/namespaces", "POST /v1/{prefix}/namespaces", "GET /v1/{prefix}/namespaces/{namespace}",
                "HEAD /v1/{prefix}/namespaces/{namespace}", "POST /v1/{prefix}/namespaces/{namespace}/properties",
                "DELETE /v1/{prefix}/namespaces/{namespace}",
                "GET /v1/{prefix}/namespaces/{namespace}/tables", "POST /v1/{prefix}/namespaces/{namespace}/tables",
                "GET /v1/{prefix}/namespaces/{namespace}/tables/{table}",
                "HEAD /v1/{prefix}/namespaces/{namespace}/tables/{table}",
                "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}",
                "DELETE /v1/{prefix}/namespaces/{namespace}/tables/{table}", "POST /v1/{prefix}/tables/rename",
                "POST /v1/{prefix}/namespaces/{namespace}/register",
                "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}/metrics",
                "GET /v1/{prefix}/namespaces/{namespace}/views", "POST /v1/{prefix}/namespaces/{namespace}/views",
                "GET /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "HEAD /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "POST /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "DELETE /v1/{prefix}/namespaces/{namespace}/views/{view}", "POST /v1/{prefix}/views/rename",
                "POST /v1/{prefix}/namespaces/{namespace}/register-view",
                "POST /v1/{prefix}/transactions/commit"), advertised);
    }

    @Test
    void aTableLocationOutsideTheWarehouseIsRefusedBeforeAnythingIsWritten() throws IOException {
        RESTCatalog writer = client("writer@acme", "acme", "writer", "acme-lake");
        Namespace confined = Namespace.of("confined");
        writer.createNamespace(confined);
        List<String> outside = List.of("file://" + OUTSIDE + "/t", OUTSIDE + "/t",
                "file://" + ACME_ROOT + "/../globex/t", "file://" + ACME_ROOT + "/%2E%2E/outside/t",
                "file://otherhost" + ACME_ROOT + "/t", "s3://bucket/t", "relative/t");
        for (String location : outside) {
            TableIdentifier table = TableIdentifier.of(confined, "t");
            assertForbidden(() -> writer.buildTable(table, ORDERS).withLocation(location).create());
            assertFalse(writer.tableExists(table), location);
        }
        assertForbidden(() -> writer.buildTable(TableIdentifier.of(confined, "p"), ORDERS)
                .withProperty(TableProperties.WRITE_METADATA_LOCATION, OUTSIDE.toString()).create());
        assertForbidden(() -> writer.createNamespace(Namespace.of("elsewhere"), new HashMap<>(Map.of("location", OUTSIDE.toString()))));

        // A namespace whose name climbs out of the root cannot place a table outside it either.
        Namespace climbing = Namespace.of("..");
        writer.createNamespace(climbing);
        assertForbidden(() -> writer.createTable(TableIdentifier.of(climbing, "escaped"), ORDERS));
        assertFalse(writer.tableExists(TableIdentifier.of(climbing, "escaped")));

        Table inside = writer.createTable(TableIdentifier.of(confined, "inside"), ORDERS);
        assertForbidden(() -> inside.updateLocation().setLocation("file://" + OUTSIDE + "/moved").commit());
        assertForbidden(() -> writer.loadTable(TableIdentifier.of(confined, "inside")).updateProperties()
                .set(TableProperties.WRITE_DATA_LOCATION, "file://" + OUTSIDE + "/data").commit());
        assertEquals(inside.location(), writer.loadTable(TableIdentifier.of(confined, "inside")).location());

        assertFalse(Files.exists(OUTSIDE), "nothing was written outside the warehouse");
        try (Stream<Path> siblings = Files.list(STORAGE)) {
            assertEquals(List.of(ACME_ROOT), siblings.toList(), "nothing was written beside the warehouse");
        }
    }

    private static List<String> names(JsonBody page) {
        List<String> names = new ArrayList<>();
        page.at("/identifiers").forEach(identifier -> names.add(identifier.get("name").asText()));
        return names;
    }

    private static void assertForbidden(Runnable action) {
        assertThrows(ForbiddenException.class, action::run);
    }

    private HttpClientResponseException refusal(String path, String token) {
        return assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET(path).bearerAuth(token)));
    }

    /** A client with Iceberg's own FileIO, as the catalog's configuration leaves it. */
    private RESTCatalog client(String subject, String tenant, String role, String warehouse) {
        return clients.open(subject, clients.connection(subject, tenant, role, warehouse));
    }

    private static Tenant tenant(String id, Warehouse... warehouses) {
        return Tenant.newBuilder().setId(id).setDisplayName(id).setStatus(TenantStatus.TENANT_STATUS_ACTIVE)
                .addAllWarehouses(List.of(warehouses))
                .build();
    }

    private static Warehouse warehouse(String name, Path root) {
        return Warehouse.newBuilder().setName(name).setLocation("file://" + root).build();
    }

}
