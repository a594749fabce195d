package io.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant's users (reader, writer, tenant-admin of acme), with valid catalog tokens, attack the
 * Iceberg REST catalog over plain HTTP: another tenant's warehouse by its name and by tricks on the
 * prefix, storage outside their own warehouse (locations, location properties, every location a
 * commit or a transaction can carry, names that walk out of the root), their roles (directly and by
 * replaying another subject's Idempotency-Key) and the catalog's limits. Every case asserts the exact
 * refusal (status and Iceberg error type), that the answer carries no server internals, and that
 * nothing changed on globex's side: its namespaces, its table's metadata and the files under its
 * warehouse root. Another tenant's warehouse must answer exactly as one that does not exist.
 */
class CatalogAttackIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String UNKNOWN = "nowhere-lake";
    private static final String SCHEMA = "{\"type\":\"struct\",\"schema-id\":0,\"fields\":"
            + "[{\"id\":1,\"name\":\"id\",\"required\":true,\"type\":\"long\"}]}";

    @TempDir
    static Path state;
    static Suite suite;
    static final Map<String, String> TOKENS = new HashMap<>();
    static String acmeRoot;
    static String globexRoot;
    static TenantState globexBefore;

    @BeforeAll
    static void startTheSuiteWithATableOnEachSide() throws Exception {
        suite = Suite.startForTest(state);
        for (DemoTenant tenant : List.of(ACME, GLOBEX)) {
            for (DemoTenant.DemoAccount account : tenant.accounts()) {
                TOKENS.put(tenant.id() + "/" + account.name(), passwordGrant(account));
            }
        }
        acmeRoot = suite.warehouseLocation(ACME);
        globexRoot = suite.warehouseLocation(GLOBEX);
        expect(200, send("globex/writer", "POST", "/v1/globex-lake/namespaces", "{\"namespace\":[\"ledger\"]}"));
        expect(200, send("globex/writer", "POST", "/v1/globex-lake/namespaces/ledger/tables",
                createTable("payments", null, Map.of())));
        expect(200, send("acme/writer", "POST", "/v1/acme-lake/namespaces", "{\"namespace\":[\"attack\"]}"));
        for (String table : List.of("t1", "t2")) {
            expect(200, send("acme/writer", "POST", "/v1/acme-lake/namespaces/attack/tables",
                    createTable(table, null, Map.of())));
        }
        // A namespace whose name walks up out of the warehouse root: legal as a name, never as a place.
        expect(200, send("acme/writer", "POST", "/v1/acme-lake/namespaces", "{\"namespace\":[\"..\"]}"));
        globexBefore = TenantState.ofGlobex();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    // 1. Another tenant's warehouse, by its own name: the same answer as a warehouse that does not exist.

    static Stream<Arguments> routesOfAnotherTenantsWarehouse() {
        List<String[]> routes = List.of(
                new String[]{"GET", "/v1/{p}/namespaces", null},
                new String[]{"POST", "/v1/{p}/namespaces", "{\"namespace\":[\"stolen\"]}"},
                new String[]{"GET", "/v1/{p}/namespaces/ledger", null},
                new String[]{"HEAD", "/v1/{p}/namespaces/ledger", null},
                new String[]{"POST", "/v1/{p}/namespaces/ledger/properties", "{\"updates\":{\"owner\":\"acme\"}}"},
                new String[]{"DELETE", "/v1/{p}/namespaces/ledger", null},
                new String[]{"GET", "/v1/{p}/namespaces/ledger/tables", null},
                new String[]{"POST", "/v1/{p}/namespaces/ledger/tables", createTable("stolen", null, Map.of())},
                new String[]{"GET", "/v1/{p}/namespaces/ledger/tables/payments", null},
                new String[]{"HEAD", "/v1/{p}/namespaces/ledger/tables/payments", null},
                new String[]{"POST", "/v1/{p}/namespaces/ledger/tables/payments", setProperties("owner", "acme")},
                new String[]{"DELETE", "/v1/{p}/namespaces/ledger/tables/payments", null},
                new String[]{"POST", "/v1/{p}/tables/rename", "{\"source\":{\"namespace\":[\"ledger\"],\"name\":"
                        + "\"payments\"},\"destination\":{\"namespace\":[\"ledger\"],\"name\":\"moved\"}}"},
                new String[]{"POST", "/v1/{p}/transactions/commit",
                        transaction(List.of("ledger"), "payments", setPropertiesUpdate("owner", "acme"))},
                new String[]{"GET", "/v1/config?warehouse={p}", null});
        return Stream.of("reader", "writer", "admin").flatMap(role -> routes.stream()
                .map(route -> Arguments.of("acme/" + role, route[0], route[1], route[2])));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("routesOfAnotherTenantsWarehouse")
    void anotherTenantsWarehouseAnswersExactlyAsAnUnknownOne(String caller, String method, String route, String body) {
        HttpResponse<String> other = send(caller, method, route.replace("{p}", GLOBEX.warehouseName()), body);
        HttpResponse<String> unknown = send(caller, method, route.replace("{p}", UNKNOWN), body);

        expect(404, other);
        expect(404, unknown);
        if (!method.equals("HEAD")) {
            assertEquals("NotFoundException", error(other).get("type").asText(), other.body());
            assertEquals(error(unknown).get("message").asText().replace(UNKNOWN, "<name>"),
                    error(other).get("message").asText().replace(GLOBEX.warehouseName(), "<name>"));
        }
        assertEquals(headerNames(unknown), headerNames(other));
        assertFalse(other.headers().firstValue("ETag").isPresent());
        assertGlobexUnchanged();
    }

    // 2. Another tenant's warehouse, or table, by tricks on the prefix and the namespace.

    static Stream<Arguments> prefixTricks() {
        return Stream.of("GLOBEX-LAKE", "Globex-Lake", "globex-lake.", "globex-lake%2E", "globex-lake%20",
                "%20globex-lake", "globex%2Dlake", "globex-lake%00", "globex-lake%1F", "globex-lake%E2%80%8B",
                "%EF%BD%87lobex-lake", "globex", "globex-lake-", "ACME-LAKE", "acme-lake.", "acme",
                "x".repeat(2000), "%2E%2E", "..", "*", "%25").map(Arguments::of);
    }

    @ParameterizedTest(name = "prefix {0}")
    @MethodSource("prefixTricks")
    void noSpellingOfAPrefixReachesAnotherTenantsTable(String prefix) {
        for (String role : List.of("acme/reader", "acme/writer", "acme/admin")) {
            HttpResponse<String> load = send(role, "GET", "/v1/" + prefix + "/namespaces/ledger/tables/payments",
                    null, Map.of("If-None-Match", "*"));
            expect(404, load);
            assertEquals("NotFoundException", error(load).get("type").asText(), load.body());
            assertFalse(load.headers().firstValue("ETag").isPresent());
            HttpResponse<String> commit = send(role, "POST", "/v1/" + prefix + "/namespaces/ledger/tables/payments",
                    setProperties("owner", "acme"));
            expect(404, commit);
            assertEquals("NotFoundException", error(commit).get("type").asText(), commit.body());
        }
        assertGlobexUnchanged();
    }

    static Stream<Arguments> namespaceTricks() {
        return Stream.of(Stream.of("ledger", "..%2Fglobex%2Fledger", "..%1Fglobex%1Fledger", "globex-lake%1Fledger",
                                "%2E%2E%2F%2E%2E%2Fglobex%2Fledger", "LEDGER", "ledger.")
                        .map(namespace -> Arguments.of(namespace, 404, "NoSuchTableException")),
                Stream.of(Arguments.of("ledger%00", 400, "IllegalArgumentException"))).flatMap(s -> s);
    }

    @ParameterizedTest(name = "namespace {0}")
    @MethodSource("namespaceTricks")
    void noNamespaceUnderTheOwnPrefixIsAnotherTenants(String namespace, int status, String type) {
        HttpResponse<String> load = send("acme/admin", "GET",
                "/v1/acme-lake/namespaces/" + namespace + "/tables/payments", null);
        expect(status, load);
        assertEquals(type, error(load).get("type").asText(), load.body());
        assertGlobexUnchanged();
    }

    @ParameterizedTest(name = "namespace {0}")
    @ValueSource(strings = {"ledger", "nowhere"})
    void aForgedTablePageTokenListsNothingOfAnotherTenant(String namespace) {
        // The token names where to start in the caller's own namespace; globex's namespace answers as
        // one that does not exist, whatever the token says.
        String forged = "n." + Base64.getUrlEncoder().withoutPadding().encodeToString("a".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> list = send("acme/admin", "GET",
                "/v1/acme-lake/namespaces/" + namespace + "/tables?pageToken=" + forged, null);
        expect(404, list);
        assertEquals("NoSuchNamespaceException", error(list).get("type").asText(), list.body());
        assertEquals("Namespace does not exist: " + namespace, error(list).get("message").asText());
        assertGlobexUnchanged();
    }

    // 3. Storage outside the caller's warehouse: every way a request can name a place.

    static Stream<Arguments> placesOutsideTheWarehouse() {
        Map<String, Supplier<String>> places = new LinkedHashMap<>();
        places.put("another tenant's root", () -> globexRoot + "/stolen");
        places.put("dot-dot out of the root", () -> acmeRoot + "/../globex/stolen");
        places.put("percent-encoded dot-dot", () -> acmeRoot + "/%2E%2E/globex/stolen");
        places.put("encoded slashes", () -> acmeRoot + "/x%2F..%2F..%2Fglobex");
        places.put("a host", () -> acmeRoot.replace("file://", "file://localhost") + "/x");
        places.put("four slashes", () -> acmeRoot.replace("file://", "file:////") + "/../../globex");
        places.put("upper-case scheme", () -> acmeRoot.replace("file:", "FILE:") + "/x");
        places.put("bare path elsewhere", () -> "/etc/tollgate");
        places.put("relative path", () -> "stolen/x");
        places.put("another scheme", () -> "s3://bucket/acme/x");
        places.put("the root's sibling by prefix", () -> acmeRoot + "-archive/x");
        places.put("the root's parent", () -> acmeRoot + "/..");
        places.put("a query", () -> acmeRoot + "/x?y=1");
        return places.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "create at {0}")
    @MethodSource("placesOutsideTheWarehouse")
    void aTableIsNeverCreatedOutsideTheWarehouse(String name, Supplier<String> place) {
        String table = "escape" + Integer.toHexString(name.hashCode() & 0xfffff);
        refusedAndNothingWritten(403, "ForbiddenException", send("acme/writer", "POST",
                "/v1/acme-lake/namespaces/attack/tables", createTable(table, place.get(), Map.of())));
        for (String property : List.of("write.data.path", "write.metadata.path", "write.object-storage.path",
                "write.folder-storage.path")) {
            refusedAndNothingWritten(403, "ForbiddenException", send("acme/writer", "POST",
                    "/v1/acme-lake/namespaces/attack/tables", createTable(table, null, Map.of(property, place.get()))));
        }
        expect(404, send("acme/writer", "HEAD", "/v1/acme-lake/namespaces/attack/tables/" + table, null));
    }

    @ParameterizedTest(name = "commit to {0}")
    @MethodSource("placesOutsideTheWarehouse")
    void noCommitOrTransactionNamesAPlaceOutsideTheWarehouse(String name, Supplier<String> place) {
        List<String> updates = List.of(
                "{\"action\":\"set-location\",\"location\":" + quoted(place.get()) + "}",
                setPropertiesUpdate("write.data.path", place.get()),
                setPropertiesUpdate("write.metadata.path", place.get()),
                setPropertiesUpdate("write.object-storage.path", place.get()),
                "{\"action\":\"add-snapshot\",\"snapshot\":{\"snapshot-id\":7,\"sequence-number\":1,"
                        + "\"timestamp-ms\":1,\"summary\":{\"operation\":\"append\"},\"schema-id\":0,"
                        + "\"manifest-list\":" + quoted(place.get()) + "}}",
                "{\"action\":\"set-statistics\",\"statistics\":{\"snapshot-id\":7,\"statistics-path\":"
                        + quoted(place.get()) + ",\"file-size-in-bytes\":1,\"file-footer-size-in-bytes\":1,"
                        + "\"blob-metadata\":[]}}",
                "{\"action\":\"set-partition-statistics\",\"partition-statistics\":{\"snapshot-id\":7,"
                        + "\"statistics-path\":" + quoted(place.get()) + ",\"file-size-in-bytes\":1}}");
        Map<String, String> acmeBefore = acmeTables();
        for (String update : updates) {
            refusedAndNothingWritten(403, "ForbiddenException", send("acme/writer", "POST",
                    "/v1/acme-lake/namespaces/attack/tables/t1", "{\"requirements\":[],\"updates\":[" + update + "]}"));
            // In a transaction, after a harmless change to another table: neither lands.
            refusedAndNothingWritten(403, "ForbiddenException", send("acme/writer", "POST",
                    "/v1/acme-lake/transactions/commit", "{\"table-changes\":["
                            + change(List.of("attack"), "t2", setPropertiesUpdate("harmless", "yes")) + ","
                            + change(List.of("attack"), "t1", update) + "]}"));
        }
        assertEquals(acmeBefore, acmeTables());
    }

    @Test
    void aSnapshotThatEmbedsItsManifestsInsteadOfAListIsRefused() {
        String embedded = "{\"action\":\"add-snapshot\",\"snapshot\":{\"snapshot-id\":8,\"timestamp-ms\":1,"
                + "\"summary\":{\"operation\":\"append\"},\"manifests\":[" + quoted(globexRoot + "/m.avro") + "]}}";
        Map<String, String> acmeBefore = acmeTables();
        refusedAndNothingWritten(400, "BadRequestException", send("acme/writer", "POST",
                "/v1/acme-lake/namespaces/attack/tables/t1", "{\"requirements\":[],\"updates\":[" + embedded + "]}"));
        refusedAndNothingWritten(400, "BadRequestException", send("acme/writer", "POST",
                "/v1/acme-lake/transactions/commit", "{\"table-changes\":["
                        + change(List.of("attack"), "t1", embedded) + "]}"));
        assertEquals(acmeBefore, acmeTables());
    }

    static Stream<Arguments> namesThatWalkOutOfTheRoot() {
        return Stream.of(
                Arguments.of("/v1/acme-lake/namespaces/..", "globex"),
                Arguments.of("/v1/acme-lake/namespaces/attack", "../../globex/ledger"),
                Arguments.of("/v1/acme-lake/namespaces/attack", "../../globex"),
                Arguments.of("/v1/acme-lake/namespaces/attack", "../../acme-archive/t"));
    }

    @ParameterizedTest(name = "table {1} under {0}")
    @MethodSource("namesThatWalkOutOfTheRoot")
    void aTableWhoseNameWalksOutOfTheRootIsRefusedBeforeAnythingIsWritten(String namespace, String table) {
        refusedAndNothingWritten(403, "ForbiddenException",
                send("acme/writer", "POST", namespace + "/tables", createTable(table, null, Map.of())));
    }

    @Test
    void aNamespaceLocationOutsideTheWarehouseIsRefusedOnCreateAndOnUpdate() {
        refusedAndNothingWritten(403, "ForbiddenException", send("acme/writer", "POST", "/v1/acme-lake/namespaces",
                "{\"namespace\":[\"escape\"],\"properties\":{\"location\":" + quoted(globexRoot) + "}}"));
        expect(404, send("acme/writer", "HEAD", "/v1/acme-lake/namespaces/escape", null));
        refusedAndNothingWritten(403, "ForbiddenException", send("acme/admin", "POST",
                "/v1/acme-lake/namespaces/attack/properties",
                "{\"updates\":{\"location\":" + quoted(acmeRoot + "/../globex") + "}}"));
        JsonNode attack = json(expect(200, send("acme/admin", "GET", "/v1/acme-lake/namespaces/attack", null)));
        assertFalse(attack.path("properties").path("location").asText().contains("globex"), attack.toString());
    }

    // 4. Roles: what a reader (and a writer, for namespace properties) may not do, refused before storage.

    static Stream<Arguments> beyondTheRole() {
        return Stream.of(
                Arguments.of("acme/reader", "POST", "/v1/acme-lake/namespaces", "{\"namespace\":[\"mine\"]}"),
                Arguments.of("acme/reader", "DELETE", "/v1/acme-lake/namespaces/attack", null),
                Arguments.of("acme/reader", "POST", "/v1/acme-lake/namespaces/attack/tables",
                        createTable("mine", null, Map.of())),
                Arguments.of("acme/reader", "POST", "/v1/acme-lake/namespaces/attack/tables/t1",
                        setProperties("owner", "reader")),
                Arguments.of("acme/reader", "DELETE", "/v1/acme-lake/namespaces/attack/tables/t1", null),
                Arguments.of("acme/reader", "POST", "/v1/acme-lake/tables/rename", "{\"source\":{\"namespace\":"
                        + "[\"attack\"],\"name\":\"t1\"},\"destination\":{\"namespace\":[\"attack\"],\"name\":\"t9\"}}"),
                Arguments.of("acme/reader", "POST", "/v1/acme-lake/transactions/commit",
                        transaction(List.of("attack"), "t1", setPropertiesUpdate("owner", "reader"))),
                Arguments.of("acme/reader", "POST", "/v1/acme-lake/namespaces/attack/properties",
                        "{\"updates\":{\"owner\":\"reader\"}}"),
                Arguments.of("acme/writer", "POST", "/v1/acme-lake/namespaces/attack/properties",
                        "{\"updates\":{\"owner\":\"writer\"}}"),
                Arguments.of("acme/reader", "POST", "/v1/acme-archive/namespaces", "{\"namespace\":[\"mine\"]}"));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("beyondTheRole")
    void aCallBeyondTheCallersRoleIsForbiddenAndChangesNothing(String caller, String method, String path, String body) {
        Map<String, String> acmeBefore = acmeTables();
        JsonNode namespaceBefore = json(send("acme/admin", "GET", "/v1/acme-lake/namespaces/attack", null));

        HttpResponse<String> refused = send(caller, method, path, body);

        expect(403, refused);
        assertEquals("ForbiddenException", error(refused).get("type").asText());
        assertEquals(acmeBefore, acmeTables());
        assertEquals(namespaceBefore, json(send("acme/admin", "GET", "/v1/acme-lake/namespaces/attack", null)));
        expect(404, send("acme/admin", "HEAD", "/v1/acme-lake/namespaces/mine", null));
        assertGlobexUnchanged();
    }

    @Test
    void anIdempotencyKeyReplaysOnlyToItsOwnSubjectNeverToAReaderOrAnotherTenant() {
        String key = uuidV7();
        String path = "/v1/acme-lake/namespaces/attack/tables/t2";
        String body = setProperties("replayed", key);
        HttpResponse<String> first = send("acme/writer", "POST", path, body, Map.of("Idempotency-Key", key));
        expect(200, first);
        Map<String, String> acmeAfterFirst = acmeTables();

        HttpResponse<String> reader = send("acme/reader", "POST", path, body, Map.of("Idempotency-Key", key));
        expect(403, reader);
        assertEquals("ForbiddenException", error(reader).get("type").asText());
        HttpResponse<String> otherTenant = send("globex/writer", "POST", path, body, Map.of("Idempotency-Key", key));
        expect(404, otherTenant);
        assertEquals("NotFoundException", error(otherTenant).get("type").asText());
        assertEquals(first.body(), expect(200, send("acme/writer", "POST", path, body,
                Map.of("Idempotency-Key", key))).body());
        assertEquals(acmeAfterFirst, acmeTables());
        assertGlobexUnchanged();
    }

    // 5. Limits: what an attacker could make the catalog parse, hold or keep.

    static Stream<Arguments> beyondTheLimits() {
        String oneHundredAndOne = IntStream.range(0, 101)
                .mapToObj(i -> change(List.of("attack"), "t" + i, setPropertiesUpdate("k", "v")))
                .collect(Collectors.joining(","));
        return Stream.of(
                Arguments.of("101 tables in a transaction", "POST", "/v1/acme-lake/transactions/commit",
                        (Supplier<String>) () -> "{\"table-changes\":[" + oneHundredAndOne + "]}", Map.of(),
                        400, "BadRequestException"),
                Arguments.of("JSON nested 100000 deep", "POST", "/v1/acme-lake/namespaces",
                        (Supplier<String>) () -> "[".repeat(100_000) + "]".repeat(100_000), Map.of(),
                        400, "BadRequestException"),
                Arguments.of("a schema nested 2000 deep", "POST", "/v1/acme-lake/namespaces/attack/tables",
                        (Supplier<String>) CatalogAttackIT::deepSchemaTable, Map.of(), 400, "BadRequestException"),
                Arguments.of("a namespace name of 300 characters", "POST", "/v1/acme-lake/namespaces",
                        (Supplier<String>) () -> "{\"namespace\":[\"" + "n".repeat(300) + "\"]}", Map.of(),
                        400, "BadRequestException"),
                Arguments.of("a table name of 300 characters", "POST", "/v1/acme-lake/namespaces/attack/tables",
                        (Supplier<String>) () -> createTable("t".repeat(300), null, Map.of()), Map.of(),
                        400, "BadRequestException"),
                Arguments.of("a namespace property of 2000 characters", "POST", "/v1/acme-lake/namespaces",
                        (Supplier<String>) () -> "{\"namespace\":[\"big\"],\"properties\":{\"k\":\""
                                + "v".repeat(2000) + "\"}}", Map.of(), 400, "BadRequestException"),
                Arguments.of("a page of 100000", "GET", "/v1/acme-lake/namespaces?pageSize=100000",
                        (Supplier<String>) () -> null, Map.of(), 400, "BadRequestException"),
                Arguments.of("a negative page", "GET", "/v1/acme-lake/namespaces/attack/tables?pageSize=-1",
                        (Supplier<String>) () -> null, Map.of(), 400, "BadRequestException"),
                Arguments.of("a page token not given", "GET", "/v1/acme-lake/namespaces?pageToken=abc",
                        (Supplier<String>) () -> null, Map.of(), 400, "BadRequestException"),
                Arguments.of("a table page token not given", "GET", "/v1/acme-lake/namespaces/attack/tables?pageToken=n.%2A",
                        (Supplier<String>) () -> null, Map.of(), 400, "BadRequestException"),
                Arguments.of("an Idempotency-Key not a UUID", "POST", "/v1/acme-lake/namespaces",
                        (Supplier<String>) () -> "{\"namespace\":[\"keyed\"]}",
                        Map.of("Idempotency-Key", "../../globex"), 400, "BadRequestException"),
                Arguments.of("an Idempotency-Key a UUIDv4", "POST", "/v1/acme-lake/namespaces",
                        (Supplier<String>) () -> "{\"namespace\":[\"keyed\"]}",
                        Map.of("Idempotency-Key", UUID.randomUUID().toString()), 400, "BadRequestException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("beyondTheLimits")
    void whatIsBeyondALimitIsABadRequestInOurWords(String name, String method, String path, Supplier<String> body,
                                                   Map<String, String> headers, int status, String type) {
        HttpResponse<String> refused = send("acme/writer", method, path, body.get(), headers);
        refusedAndNothingWritten(status, type, refused);
        expect(404, send("acme/writer", "HEAD", "/v1/acme-lake/namespaces/keyed", null));
        expect(404, send("acme/writer", "HEAD", "/v1/acme-lake/namespaces/big", null));
    }

    @Test
    void aBodyAboveTheServersLimitIsRefusedWithoutBeingRead() {
        String huge = "{\"namespace\":[\"huge\"],\"properties\":{\"k\":\"" + "v".repeat(11 * 1024 * 1024) + "\"}}";
        HttpResponse<String> refused = send("acme/writer", "POST", "/v1/acme-lake/namespaces", huge);
        expect(413, refused);
        expect(404, send("acme/writer", "HEAD", "/v1/acme-lake/namespaces/huge", null));
        assertGlobexUnchanged();
    }

    // What each case shares.

    private static void refusedAndNothingWritten(int status, String type, HttpResponse<String> response) {
        expect(status, response);
        assertEquals(type, error(response).get("type").asText(), response.body());
        assertGlobexUnchanged();
    }

    private static void assertGlobexUnchanged() {
        assertEquals(globexBefore, TenantState.ofGlobex());
    }

    /** What an attack on globex could change: its namespaces, its table's metadata, its files. */
    private record TenantState(String namespaces, String tableMetadata, Set<String> files) {
        static TenantState ofGlobex() {
            String namespaces = json(expect(200, send("globex/writer", "GET", "/v1/globex-lake/namespaces", null)))
                    .get("namespaces").toString();
            String table = json(expect(200, send("globex/writer", "GET",
                    "/v1/globex-lake/namespaces/ledger/tables/payments", null))).get("metadata-location").asText();
            return new TenantState(namespaces, table, filesUnder(globexRoot));
        }
    }

    private static Set<String> filesUnder(String root) {
        Path directory = Path.of(URI.create(root)).getParent();
        try (Stream<Path> files = Files.walk(directory)) {
            // Every warehouse of the suite but acme's own: nothing of them may appear or change.
            return files.filter(path -> !path.startsWith(Path.of(URI.create(acmeRoot))))
                    .map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> acmeTables() {
        Map<String, String> tables = new LinkedHashMap<>();
        for (String table : List.of("t1", "t2")) {
            tables.put(table, json(expect(200, send("acme/admin", "GET",
                    "/v1/acme-lake/namespaces/attack/tables/" + table, null))).get("metadata-location").asText());
        }
        return tables;
    }

    private static HttpResponse<String> send(String caller, String method, String path, String body) {
        return send(caller, method, path, body, Map.of());
    }

    private static HttpResponse<String> send(String caller, String method, String path, String body,
                                             Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.catalogUri() + path))
                .header("Authorization", "Bearer " + TOKENS.get(caller))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertNoInternals(response, body);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // No answer names a server path but the caller's own warehouse, a library class or SQL; a refusal
    // may echo what the caller itself sent (the location it asked for).
    private static void assertNoInternals(HttpResponse<String> response, String requestBody) {
        if (response.statusCode() < 400) {
            return;
        }
        String raw = response.body();
        int echo = raw.lastIndexOf(": ");
        int end = raw.indexOf("\",\"type\"");
        if (requestBody != null && echo >= 0 && end > echo && requestBody.contains(raw.substring(echo + 2, end))) {
            raw = raw.substring(0, echo + 2) + "<what the caller sent>" + raw.substring(end);
        }
        String body = raw.replace(acmeRoot == null ? "\u0000" : acmeRoot, "<acme-root>");
        String lower = body.toLowerCase(Locale.ROOT);
        for (String internal : List.of(state.toString(), "java.", "org.apache", "io.tollgate", "jdbc", "sqlstate",
                "iceberg_tables", "postgres", "hikari", "exception:", "\tat ")) {
            assertFalse(lower.contains(internal.toLowerCase(Locale.ROOT)), () -> internal + " in " + body);
        }
        if (response.statusCode() >= 500) {
            assertTrue(body.contains("internal error (ref "), body);
        }
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), () -> response.request().method() + " "
                + response.request().uri().getRawPath() + ": " + response.body());
        return response;
    }

    private static JsonNode error(HttpResponse<String> response) {
        JsonNode error = json(response).get("error");
        assertNotNull(error, response.body());
        assertEquals(response.statusCode(), error.get("code").asInt(), response.body());
        return error;
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static Set<String> headerNames(HttpResponse<String> response) {
        Set<String> names = new TreeSet<>(response.headers().map().keySet());
        names.remove("date");
        return names;
    }

    private static String createTable(String name, String location, Map<String, String> properties) {
        ObjectNode body = JSON.createObjectNode().put("name", name);
        try {
            body.set("schema", JSON.readTree(SCHEMA));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (location != null) {
            body.put("location", location);
        }
        ObjectNode props = body.putObject("properties");
        properties.forEach(props::put);
        return body.toString();
    }

    private static String deepSchemaTable() {
        int depth = 2000;
        StringBuilder type = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            type.append("{\"type\":\"list\",\"element-id\":").append(i + 2).append(",\"element-required\":true,\"element\":");
        }
        type.append("\"long\"").append("}".repeat(depth));
        return "{\"name\":\"deep\",\"schema\":{\"type\":\"struct\",\"schema-id\":0,\"fields\":[{\"id\":1,\"name\":"
                + "\"d\",\"required\":true,\"type\":" + type + "}]}}";
    }

    private static String setProperties(String key, String value) {
        return "{\"requirements\":[],\"updates\":[" + setPropertiesUpdate(key, value) + "]}";
    }

    private static String setPropertiesUpdate(String key, String value) {
        return "{\"action\":\"set-properties\",\"updates\":{" + quoted(key) + ":" + quoted(value) + "}}";
    }

    private static String transaction(List<String> namespace, String table, String update) {
        return "{\"table-changes\":[" + change(namespace, table, update) + "]}";
    }

    private static String change(List<String> namespace, String table, String update) {
        return "{\"identifier\":{\"namespace\":" + JSON.valueToTree(namespace) + ",\"name\":" + quoted(table)
                + "},\"requirements\":[],\"updates\":[" + update + "]}";
    }

    private static String quoted(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static String uuidV7() {
        // Time in the first 48 bits, version 7, variant 10: what the catalog accepts as a key.
        long millis = System.currentTimeMillis();
        UUID random = UUID.randomUUID();
        long high = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0fffL);
        long low = (random.getLeastSignificantBits() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    private static String passwordGrant(DemoTenant.DemoAccount account) throws Exception {
        String form = Map.of("grant_type", "password", "username", account.username(),
                        "password", suite.password(account)).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

}
