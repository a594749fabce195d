package io.tollgate.router.api.rest;

import io.micronaut.json.JsonMapper;
import io.tollgate.router.service.InvalidTenantException;
import io.tollgate.router.service.InvalidTenantException.FieldError;
import io.tollgate.router.service.bootstrap.BootstrapFileException;
import io.tollgate.router.service.bootstrap.BootstrapFileParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API and the bootstrap file check a tenant by the same rules: each definition below is
 * refused by both, at the same field (each in its own shape: {@code sqlBackend.jdbcUrl} in a
 * request, {@code tenants[0].jdbcUrl} in the file), with the same message. Among them the rules
 * that had drifted apart: more than 32 context variables, duplicate ones, role names, JDBC URLs,
 * label keys, a login shared between classes; and the warehouses' rules (names, locations, storage
 * settings, secret keys), which both paths took on together.
 */
class TenantRulesOnBothPathsTest {
    private static final JsonMapper JSON = JsonMapper.createDefault();
    private static final Map<String, Object> LOCAL = Map.of("name", "lake", "location", "file:///srv/lake");
    private static final Map<String, Object> OWNER_AS_READER =
            Map.of("reader", Map.of("username", "acme_app", "password", "pw"));
    private final BootstrapFileParser bootstrap = new BootstrapFileParser(JSON);

    /**
     * One definition both must refuse: how it differs from a valid tenant in each shape, and where
     * each reports it.
     */
    record Case(String name, Consumer<Map<String, Object>> request, String requestField,
                Consumer<Map<String, Object>> file, String fileField) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> definitionsBothRefuse() {
        List<Map<String, Object>> variables = IntStream.range(0, 33)
                .mapToObj(i -> Map.<String, Object>of("name", "tollgate.v" + i, "source", "TENANT_ID")).toList();
        List<Map<String, Object>> twice = List.of(Map.of("name", "tollgate.x", "source", "TENANT_ID"),
                Map.of("name", "tollgate.x", "source", "SUBJECT"));
        return Stream.of(
                both("33 context variables", "contextVariables", variables, "contextVariables"),
                both("a context variable twice", "contextVariables", twice, "contextVariables[1].name"),
                both("a context source that is not one", "contextVariables",
                        List.of(Map.of("name", "tollgate.x", "source", "HEADER")), "contextVariables[0].source"),
                both("a CLAIM variable without its claim", "contextVariables",
                        List.of(Map.of("name", "tollgate.x", "source", "CLAIM")), "contextVariables[0].claim"),
                both("an id that is not a slug", "id", "Acme_Corp", "id"),
                both("the platform administrators' reserved tenant", "id", "platform", "id"),
                both("a blank display name", "displayName", "  ", "displayName"),
                both("a status a definition cannot ask for", "status", "deleting", "status"),
                both("a label key with a space", "labels", Map.of("a key", "v"), "labels"),
                both("a label value too long", "labels", Map.of("team", "x".repeat(257)), "labels.team"),
                both("a negative quota", "quotas", Map.of("maxResultRows", -1), "quotas.maxResultRows"),
                both("a negative request rate", "quotas", Map.of("requestsPerSecond", -1), "quotas.requestsPerSecond"),
                both("a commit rate beyond 32 bits", "quotas", Map.of("commitsPerMinute", 1L << 31),
                        "quotas.commitsPerMinute"),
                both("a warehouse without a location", "warehouses", List.of(Map.of("name", "lake")),
                        "warehouses[0].location"),
                both("a warehouse name that is not a slug", "warehouses",
                        List.of(Map.of("name", "Lake One", "location", "file:///srv/lake")), "warehouses[0].name"),
                both("two warehouses of one name", "warehouses", List.of(LOCAL, LOCAL), "warehouses[1].name"),
                both("17 warehouses", "warehouses", IntStream.range(0, 17).mapToObj(i -> Map.<String, Object>of(
                        "name", "lake" + i, "location", "file:///srv/lake" + i)).toList(), "warehouses"),
                both("a warehouse location that climbs out with ..", "warehouses",
                        List.of(Map.of("name", "lake", "location", "file:///srv/lake/../globex")),
                        "warehouses[0].location"),
                both("a warehouse location on another host", "warehouses",
                        List.of(Map.of("name", "lake", "location", "file://fileserver/srv/lake")),
                        "warehouses[0].location"),
                both("a warehouse location with a query", "warehouses",
                        List.of(s3(Map.of(), "s3://lake/acme?versionId=1")), "warehouses[0].location"),
                both("a warehouse location with percent-encoding", "warehouses",
                        List.of(Map.of("name", "lake", "location", "file:///srv/%2e%2e/globex")),
                        "warehouses[0].location"),
                both("a relative warehouse location", "warehouses",
                        List.of(Map.of("name", "lake", "location", "srv/lake")), "warehouses[0].location"),
                both("a bucket name S3 does not allow", "warehouses", List.of(s3(Map.of(), "s3://Lake_1/acme")),
                        "warehouses[0].location"),
                both("an s3 location without storage settings", "warehouses",
                        List.of(Map.of("name", "lake", "location", "s3://lake/acme")), "warehouses[0].storage"),
                both("S3 storage for a local location", "warehouses", List.of(s3(Map.of(), "file:///srv/lake")),
                        "warehouses[0].location"),
                both("S3 storage without a region", "warehouses", List.of(s3(Map.of("region", ""), null)),
                        "warehouses[0].storage.s3.region"),
                both("an S3 endpoint with credentials in it", "warehouses",
                        List.of(s3(Map.of("endpoint", "http://key:secret@minio:9000"), null)),
                        "warehouses[0].storage.s3.endpoint"),
                both("an S3 endpoint that is not http", "warehouses",
                        List.of(s3(Map.of("endpoint", "ftp://minio:21"), null)), "warehouses[0].storage.s3.endpoint"),
                both("S3 storage without a key id", "warehouses", List.of(s3(Map.of("accessKeyId", "two words"), null)),
                        "warehouses[0].storage.s3.accessKeyId"),
                both("a secret key given twice", "warehouses",
                        List.of(s3(Map.of("secretAccessKeyRef", "secret:lake/s3#key"), null)),
                        "warehouses[0].storage.s3"),
                both("a secret key reference that is not one", "warehouses",
                        List.of(s3WithRef("vault:lake/s3")), "warehouses[0].storage.s3.secretAccessKeyRef"),
                both("the masked form GET shows instead of a secret key", "warehouses",
                        List.of(s3WithRef("literal:***")), "warehouses[0].storage.s3.secretAccessKeyRef"),
                both("an upstream with credentials in its URL", "upstreams",
                        List.of(Map.of("name", "trino", "url", "http://u:p@trino:8080")), "upstreams[0].url"),
                new Case("a JDBC URL carrying a password",
                        r -> backend(r).put("jdbcUrl", "jdbc:postgresql://db/acme?password=s3cret"),
                        "sqlBackend.jdbcUrl",
                        f -> f.put("jdbcUrl", "jdbc:postgresql://db/acme?password=s3cret"), "jdbcUrl"),
                new Case("an isolation mode that is not one",
                        r -> backend(r).put("isolationMode", "POOLED"), "sqlBackend.isolationMode",
                        f -> f.put("isolationMode", "POOLED"), "isolationMode"),
                new Case("a login that is not a PostgreSQL role name",
                        r -> credentials(r).put("username", "acme app; drop"), "sqlBackend.credentials.username",
                        f -> f.put("username", "acme app; drop"), "username"),
                new Case("an empty password",
                        r -> credentials(r).put("password", ""), "sqlBackend.credentials.password",
                        f -> f.put("password", ""), "password"),
                new Case("a pool whose minimum exceeds its maximum",
                        r -> backend(r).put("pool", Map.of("maxConnections", 2, "minIdle", 3)),
                        "sqlBackend.pool.minIdle",
                        f -> f.put("pool", Map.of("maxConnections", 2, "minIdle", 3)), "pool.minIdle"),
                new Case("a reader running as the owner login",
                        r -> backend(r).put("logins", OWNER_AS_READER), "sqlBackend.logins.reader.username",
                        f -> f.put("logins", OWNER_AS_READER),
                        "logins.reader.username"))
                .map(Arguments::of);
    }

    @Test
    void bothAcceptTheValidTenantEveryCaseStartsFrom() throws IOException {
        assertEquals("acme", TenantRequestValidator.forCreate(request(validRequest())).definition().id());
        assertEquals("acme", bootstrap.parse(file(validFileTenant())).get(0).id());
    }

    @Test
    void bothAcceptWarehousesAndKeepThemInOneNormalForm() throws IOException {
        List<Map<String, Object>> warehouses = List.of(Map.of("name", "local", "location", "file:/srv//lake/"),
                s3(Map.of(), "s3://lake/acme/tables/"));
        Map<String, Object> request = validRequest();
        request.put("warehouses", warehouses);
        Map<String, Object> tenant = validFileTenant();
        tenant.put("warehouses", warehouses);

        var fromRequest = TenantRequestValidator.forCreate(request(request)).definition().warehouses();
        var fromFile = bootstrap.parse(file(tenant)).get(0).warehouses();

        assertEquals(fromRequest, fromFile);
        assertEquals(List.of("file:///srv/lake", "s3://lake/acme/tables"),
                fromFile.stream().map(w -> w.location()).toList());
        assertEquals("literal:s3-secret", fromFile.get(1).storage().secretAccessKeyRef());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitionsBothRefuse")
    void bothRefuseWithTheSameMessage(Case refused) throws IOException {
        Map<String, Object> request = validRequest();
        refused.request().accept(request);
        Map<String, Object> tenant = validFileTenant();
        refused.file().accept(tenant);

        List<FieldError> errors = assertThrows(InvalidTenantException.class,
                () -> TenantRequestValidator.forCreate(request(request))).errors();
        String message = errors.stream().filter(e -> e.field().equals(refused.requestField())).findFirst()
                .orElseThrow(() -> new AssertionError("no error at " + refused.requestField() + ": " + errors))
                .message();
        String fileProblems = assertThrows(BootstrapFileException.class,
                () -> bootstrap.parse(file(tenant))).getMessage();

        assertTrue(fileProblems.contains("tenants[0]." + refused.fileField() + ": " + message),
                () -> "the request said '" + message + "', the file: " + fileProblems);
    }

    /** An S3 warehouse whose settings are valid but for {@code changed}; its location when not null. */
    private static Map<String, Object> s3(Map<String, Object> changed, String location) {
        Map<String, Object> settings = new HashMap<>(Map.of("endpoint", "http://minio.example:9000",
                "region", "us-east-1", "accessKeyId", "ACMEKEY", "secretAccessKey", "s3-secret"));
        settings.putAll(changed);
        return Map.of("name", "lake", "location", location == null ? "s3://lake/acme" : location,
                "storage", Map.of("s3", settings));
    }

    private static Map<String, Object> s3WithRef(String ref) {
        Map<String, Object> warehouse = new HashMap<>(s3(Map.of("secretAccessKeyRef", ref), null));
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = new HashMap<>((Map<String, Object>) ((Map<String, Object>) warehouse
                .get("storage")).get("s3"));
        settings.remove("secretAccessKey");
        warehouse.put("storage", Map.of("s3", settings));
        return warehouse;
    }

    /** The same change, made at the top level of both shapes. */
    private static Case both(String name, String key, Object value, String field) {
        return new Case(name, r -> r.put(key, value), field, f -> f.put(key, value), field);
    }

    private static Map<String, Object> validRequest() {
        Map<String, Object> credentials = new HashMap<>(Map.of("username", "acme_app", "password", "pw"));
        Map<String, Object> backend = new HashMap<>(Map.of("jdbcUrl", "jdbc:postgresql://db.example:5432/acme",
                "isolationMode", "DEDICATED", "credentials", credentials));
        return new LinkedHashMap<>(Map.of("id", "acme", "sqlBackend", backend));
    }

    private static Map<String, Object> validFileTenant() {
        return new LinkedHashMap<>(Map.of("id", "acme", "isolationMode", "DEDICATED",
                "jdbcUrl", "jdbc:postgresql://db.example:5432/acme", "username", "acme_app", "password", "pw"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> backend(Map<String, Object> request) {
        return (Map<String, Object>) request.get("sqlBackend");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> credentials(Map<String, Object> request) {
        return (Map<String, Object>) backend(request).get("credentials");
    }

    private static TenantRequest request(Map<String, Object> json) throws IOException {
        return JSON.readValue(JSON.writeValueAsString(json), TenantRequest.class);
    }

    private static String file(Map<String, Object> tenant) throws IOException {
        return JSON.writeValueAsString(Map.of("tenants", new ArrayList<>(List.of(tenant))));
    }
}
