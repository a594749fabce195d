package io.tollgate.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.view.BaseView;
import org.apache.iceberg.view.SQLViewRepresentation;
import org.apache.iceberg.view.View;
import org.apache.iceberg.view.ViewBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Views through Iceberg's own Java client over real PostgreSQL and a real registry stream: their
 * whole life as a writer, a reader's refusals, another tenant's blindness, and their metadata kept
 * under the warehouse's root.
 */
@MicronautTest
class CatalogViewTest extends RegistryBackedCatalogTest {
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final Path ACME_ROOT = STORAGE.resolve("acme");
    static final Path OUTSIDE = STORAGE.resolve("outside");
    static final Schema ORDER_TOTALS = new Schema(
            Types.NestedField.required(1, "customer", Types.StringType.get()),
            Types.NestedField.optional(2, "total", Types.DoubleType.get()));

    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            CatalogTestTenants.tenant("acme", "acme-lake", ACME_ROOT),
            CatalogTestTenants.tenant("globex", "globex-lake", STORAGE.resolve("globex"))));

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Test
    void aWriterCreatesListsLoadsReplacesRenamesAndDropsAView() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        Namespace reports = Namespace.of("reports");
        writer.createNamespace(reports);
        TableIdentifier totals = TableIdentifier.of(reports, "order_totals");

        View created = viewOf(writer, totals, "select customer, sum(amount) as total from orders group by customer")
                .create();
        assertTrue(created.location().startsWith("file://" + ACME_ROOT), created.location());
        assertTrue(Files.isDirectory(Path.of(created.location().substring("file:".length()), "metadata")),
                "the view's metadata is written under the warehouse root");
        assertTrue(writer.viewExists(totals));
        assertEquals(List.of(totals), writer.listViews(reports));
        assertEquals(List.of(), writer.listTables(reports), "a view is not listed as a table");

        writer.loadView(totals).replaceVersion()
                .withSchema(ORDER_TOTALS)
                .withDefaultNamespace(reports)
                .withQuery("spark", "select customer, sum(amount) as total from orders where amount > 0 group by customer")
                .commit();
        View replaced = writer.loadView(totals);
        assertEquals(2, replaced.currentVersion().versionId());
        assertTrue(sql(replaced).contains("amount > 0"), sql(replaced));

        TableIdentifier renamed = TableIdentifier.of(reports, "customer_totals");
        writer.renameView(totals, renamed);
        assertFalse(writer.viewExists(totals));
        assertTrue(sql(writer.loadView(renamed)).contains("amount > 0"));

        assertTrue(writer.dropView(renamed));
        assertFalse(writer.viewExists(renamed));
        assertThrows(NoSuchViewException.class, () -> writer.loadView(renamed));
    }

    @Test
    void viewsArePagedByNameApartFromTheTablesBesideThem() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        Namespace gallery = Namespace.of("gallery");
        writer.createNamespace(gallery);
        for (String name : List.of("v2", "v3", "v1")) {
            viewOf(writer, TableIdentifier.of(gallery, name), "select 1").create();
        }
        writer.createTable(TableIdentifier.of(gallery, "v15"), ORDER_TOTALS);
        Map<String, String> paging = clients.connection("reader@acme", "acme", "reader", "acme-lake");
        paging.put("rest-page-size", "2");
        RESTCatalog reader = clients.open("view-pager", paging);
        assertEquals(Stream.of("v1", "v2", "v3").map(name -> TableIdentifier.of(gallery, name)).toList(),
                reader.listViews(gallery), "two pages of views, in name order");
        assertEquals(List.of(TableIdentifier.of(gallery, "v15")), reader.listTables(gallery));
        assertThrows(NoSuchNamespaceException.class, () -> reader.listViews(Namespace.of("no_gallery")));
    }

    @Test
    void aReaderListsAndLoadsViewsButCannotWriteThem() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        Namespace shared = Namespace.of("shared_views");
        TableIdentifier daily = TableIdentifier.of(shared, "daily");
        writer.createNamespace(shared);
        viewOf(writer, daily, "select * from orders").create();

        RESTCatalog reader = clients.as("reader@acme", "acme", "reader", "acme-lake");
        assertEquals(List.of(daily), reader.listViews(shared));
        assertEquals("select * from orders", sql(reader.loadView(daily)));
        assertTrue(reader.viewExists(daily));

        assertForbidden(() -> viewOf(reader, TableIdentifier.of(shared, "readers_view"), "select 1").create());
        assertForbidden(() -> reader.loadView(daily).replaceVersion().withSchema(ORDER_TOTALS)
                .withDefaultNamespace(shared).withQuery("spark", "select 2").commit());
        assertForbidden(() -> reader.renameView(daily, TableIdentifier.of(shared, "moved")));
        assertForbidden(() -> reader.dropView(daily));

        assertFalse(writer.viewExists(TableIdentifier.of(shared, "readers_view")));
        assertFalse(writer.viewExists(TableIdentifier.of(shared, "moved")));
        assertEquals("select * from orders", sql(writer.loadView(daily)));
    }

    @Test
    void anotherTenantGetsTheSameAnswerForATenantsViewAsForOneThatDoesNotExist() {
        RESTCatalog globex = clients.as("writer@globex", "globex", "writer", "globex-lake");
        TableIdentifier secret = TableIdentifier.of("acme_views", "secret");
        RuntimeException before = assertThrows(NoSuchViewException.class, () -> globex.loadView(secret));

        RESTCatalog acme = clients.as("writer@acme", "acme", "writer", "acme-lake");
        acme.createNamespace(secret.namespace());
        viewOf(acme, secret, "select * from payroll").create();

        RuntimeException after = assertThrows(NoSuchViewException.class, () -> globex.loadView(secret));
        assertEquals(before.getMessage(), after.getMessage());
        assertFalse(globex.viewExists(secret));
        assertFalse(globex.dropView(secret), "nothing of that name for globex");
        assertTrue(acme.viewExists(secret), "another tenant's drop reached nothing");
    }

    @Test
    void aViewLocationOutsideTheWarehouseIsRefusedBeforeAnythingIsWritten() throws IOException {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        Namespace confined = Namespace.of("confined_views");
        writer.createNamespace(confined);
        TableIdentifier escaping = TableIdentifier.of(confined, "escaping");
        for (String location : List.of("file://" + OUTSIDE + "/v", "file://" + ACME_ROOT + "/../outside/v", "s3://bucket/v")) {
            assertForbidden(() -> viewOf(writer, escaping, "select 1").withLocation(location).create());
            assertFalse(writer.viewExists(escaping), location);
        }
        assertForbidden(() -> viewOf(writer, escaping, "select 1")
                .withProperty("write.metadata.path", "file://" + OUTSIDE + "/metadata").create());

        Namespace climbing = Namespace.of("..");
        writer.createNamespace(climbing);
        assertForbidden(() -> viewOf(writer, TableIdentifier.of(climbing, "escaped"), "select 1").create());

        TableIdentifier inside = TableIdentifier.of(confined, "inside");
        View view = viewOf(writer, inside, "select 1").create();
        assertForbidden(() -> writer.loadView(inside).updateLocation().setLocation("file://" + OUTSIDE + "/moved").commit());
        assertForbidden(() -> writer.loadView(inside).updateProperties()
                .set("write.metadata.path", "file://" + OUTSIDE + "/metadata").commit());
        assertEquals(view.location(), writer.loadView(inside).location());

        assertFalse(Files.exists(OUTSIDE), "nothing was written outside the warehouse");
        try (var siblings = Files.list(STORAGE)) {
            assertEquals(List.of(ACME_ROOT), siblings.toList(), "nothing was written beside the warehouse");
        }
    }

    @Test
    void configAdvertisesTheViewRoutesRegisterAndMetricsReports() {
        String reader = clients.token("reader@acme", "acme", "reader");
        JsonNode endpoints = JsonBody.parse(http.toBlocking().retrieve(
                HttpRequest.GET("/v1/config?warehouse=acme-lake").bearerAuth(reader))).at("/endpoints");
        List<String> advertised = new ArrayList<>();
        endpoints.forEach(endpoint -> advertised.add(endpoint.asText()));
        assertTrue(advertised.containsAll(List.of(
                "GET /v1/{prefix}/namespaces/{namespace}/views",
                "POST /v1/{prefix}/namespaces/{namespace}/views",
                "GET /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "HEAD /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "POST /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "DELETE /v1/{prefix}/namespaces/{namespace}/views/{view}",
                "POST /v1/{prefix}/views/rename",
                "POST /v1/{prefix}/namespaces/{namespace}/register",
                "POST /v1/{prefix}/namespaces/{namespace}/tables/{table}/metrics",
                "POST /v1/{prefix}/namespaces/{namespace}/register-view")), advertised.toString());
    }

    @Test
    void aTenantAdminRegistersAViewFromMetadataUnderTheRootAndNothingElse() throws IOException {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        Namespace archive = Namespace.of("view_archive");
        writer.createNamespace(archive);
        TableIdentifier original = TableIdentifier.of(archive, "original");
        viewOf(writer, original, "select * from orders").create();
        // Its metadata file, registered under a second name (dropping the view would delete the file).
        String metadataFile = ((BaseView) writer.loadView(original)).operations().current().metadataFileLocation();

        TableIdentifier registered = TableIdentifier.of(archive, "registered");
        assertForbidden(() -> writer.registerView(registered, metadataFile));
        assertFalse(writer.viewExists(registered));

        RESTCatalog admin = clients.as("admin@acme", "acme", "tenant-admin", "acme-lake");
        admin.registerView(registered, metadataFile);
        assertEquals("select * from orders", sql(writer.loadView(registered)));

        Path file = Path.of(metadataFile.substring("file:".length()));
        Files.createDirectories(OUTSIDE);
        Path copied = Files.copy(file, OUTSIDE.resolve("copied.gz.metadata.json"));
        assertForbidden(() -> admin.registerView(TableIdentifier.of(archive, "copied"), "file://" + copied));
        assertFalse(writer.viewExists(TableIdentifier.of(archive, "copied")));
        Files.delete(copied);
        Files.delete(OUTSIDE);

        // Inside the root, but naming another place as the view's location.
        String location = writer.loadView(original).location();
        String crafted = gunzip(file).replace("\"location\":\"" + location + "\"", "\"location\":\"file://" + OUTSIDE + "/v\"");
        assertTrue(crafted.contains(OUTSIDE.toString()), "the crafted location is in place");
        Path elsewhere = gzip(crafted, file.resolveSibling("elsewhere.gz.metadata.json"));
        assertForbidden(() -> admin.registerView(TableIdentifier.of(archive, "elsewhere"), "file://" + elsewhere));
        assertFalse(writer.viewExists(TableIdentifier.of(archive, "elsewhere")));
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path gzip(String text, Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void aViewInANamespaceThatWasNeverCreatedIsRefused() {
        RESTCatalog writer = clients.as("writer@acme", "acme", "writer", "acme-lake");
        TableIdentifier orphan = TableIdentifier.of("never_created", "orphan");
        NoSuchNamespaceException refused = assertThrows(NoSuchNamespaceException.class,
                () -> viewOf(writer, orphan, "select 1").create());
        assertEquals("Namespace does not exist: never_created", refused.getMessage());
        assertFalse(writer.namespaceExists(orphan.namespace()));
    }

    private static ViewBuilder viewOf(RESTCatalog catalog, TableIdentifier view, String sql) {
        return catalog.buildView(view)
                .withSchema(ORDER_TOTALS)
                .withDefaultNamespace(view.namespace())
                .withQuery("spark", sql);
    }

    private static String sql(View view) {
        return ((SQLViewRepresentation) view.currentVersion().representations().get(0)).sql();
    }

    private static void assertForbidden(Runnable action) {
        assertThrows(ForbiddenException.class, action::run);
    }
}
