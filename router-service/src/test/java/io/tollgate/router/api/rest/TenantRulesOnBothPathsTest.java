package io.tollgate.router.api.rest;

import io.micronaut.json.JsonMapper;
import io.tollgate.router.domain.SparkConnectBackends;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.UpstreamKind;
import io.tollgate.router.service.InvalidTenantException;
import io.tollgate.router.service.InvalidTenantException.FieldError;
import io.tollgate.router.service.bootstrap.BootstrapFileException;
import io.tollgate.router.service.bootstrap.BootstrapFileParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
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
 * settings, secret keys) and the Spark Connect upstreams' (endpoints or a template, TLS trust, backend
 * tokens), which both paths took on together.
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
                both("an upstream kind that is not one", "upstreams",
                        List.of(Map.of("name", "spark", "kind", "GRPC", "url", "http://spark:15002")),
                        "upstreams[0].kind"),
                both("a Spark Connect upstream without its settings", "upstreams",
                        List.of(Map.of("name", "spark", "kind", "SPARK_CONNECT")), "upstreams[0].sparkConnect"),
                both("a Spark Connect upstream with a URL", "upstreams", List.of(sparkWith(Map.of(),
                        Map.of("url", "http://spark:15002"))), "upstreams[0].url"),
                both("Spark Connect settings on an HTTP upstream", "upstreams",
                        List.of(Map.of("name", "trino", "url", "http://trino:8080",
                                "sparkConnect", Map.of("endpoints", List.of("spark:15002")))),
                        "upstreams[0].sparkConnect"),
                both("an HTTP and a Spark Connect upstream of one name", "upstreams",
                        List.of(Map.of("name", "spark", "url", "http://spark:8080"), spark(Map.of())),
                        "upstreams[1].name"),
                both("endpoints and a template", "upstreams",
                        List.of(spark(Map.of("endpointTemplate", "spark-{user}.acme.svc:15002"))),
                        "upstreams[0].sparkConnect"),
                both("neither endpoints nor a template", "upstreams",
                        List.of(sparkWith(Map.of("tls", false), Map.of())), "upstreams[0].sparkConnect.endpoints"),
                both("no endpoint", "upstreams", List.of(spark(Map.of("endpoints", List.of()))),
                        "upstreams[0].sparkConnect.endpoints"),
                both("17 endpoints", "upstreams", List.of(spark(Map.of("endpoints", IntStream.range(0, 17)
                        .mapToObj(i -> "spark-" + i + ":15002").toList()))), "upstreams[0].sparkConnect.endpoints"),
                both("an endpoint with a scheme", "upstreams",
                        List.of(spark(Map.of("endpoints", List.of("sc://spark.acme.svc:15002")))),
                        "upstreams[0].sparkConnect.endpoints[0]"),
                both("an endpoint without a port", "upstreams",
                        List.of(spark(Map.of("endpoints", List.of("spark:15002", "spark.acme.svc")))),
                        "upstreams[0].sparkConnect.endpoints[1]"),
                both("an endpoint whose port is out of range", "upstreams",
                        List.of(spark(Map.of("endpoints", List.of("spark:65536")))),
                        "upstreams[0].sparkConnect.endpoints[0]"),
                both("an endpoint with a path", "upstreams",
                        List.of(spark(Map.of("endpoints", List.of("spark:15002/;token=x")))),
                        "upstreams[0].sparkConnect.endpoints[0]"),
                both("an endpoint listed twice", "upstreams",
                        List.of(spark(Map.of("endpoints", List.of("spark:15002", "spark:15002")))),
                        "upstreams[0].sparkConnect.endpoints[1]"),
                both("a template filling in another placeholder", "upstreams",
                        List.of(template("spark-{user}.{namespace}.svc:15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template filling in the port", "upstreams", List.of(template("spark.{tenant}.svc:{user}")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template filling in nothing", "upstreams", List.of(template("spark.acme.svc:15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template with a scheme", "upstreams", List.of(template("sc://spark-{user}:15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template with an unclosed brace", "upstreams", List.of(template("spark-{user:15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template with {user} inside a label (tenant a-b's user c would meet tenant a's b-c)",
                        "upstreams", List.of(template("spark-{tenant}-{user}.svc:15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template without {tenant} (bob@acme would meet bob@globex)", "upstreams",
                        List.of(template("{user}.spark.svc:15002")), "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template with {user} twice", "upstreams", List.of(template("{user}.{tenant}.{user}.svc:15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template whose host is not a DNS name", "upstreams",
                        List.of(template("{user}.{tenant}.Spark_Svc:15002")), "upstreams[0].sparkConnect.endpointTemplate"),
                both("a template whose host outgrows DNS once filled at its longest", "upstreams",
                        List.of(template("{user}.{tenant}." + "s".repeat(63) + "." + "t".repeat(62) + ":15002")),
                        "upstreams[0].sparkConnect.endpointTemplate"),
                both("a backend token in the clear to a remote endpoint", "upstreams",
                        List.of(spark(Map.of("endpoints", List.of("localhost:15002", "spark.acme.svc:15002"),
                                "backendToken", "t0ken"))), "upstreams[0].sparkConnect.tls"),
                both("a backend token reference in the clear to per-user servers", "upstreams",
                        List.of(sparkWith(Map.of("endpointTemplate", "{user}.{tenant}.spark.svc:15002",
                                "backendTokenRef", "secret:spark/acme#token"), Map.of())),
                        "upstreams[0].sparkConnect.tls"),
                both("a CA without TLS", "upstreams", List.of(spark(Map.of("caCertificatePem", "x"))),
                        "upstreams[0].sparkConnect.caCertificatePem"),
                both("a CA that is no certificate", "upstreams", List.of(spark(Map.of("tls", true,
                        "caCertificatePem", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----"))),
                        "upstreams[0].sparkConnect.caCertificatePem"),
                both("a backend token given twice", "upstreams", List.of(spark(Map.of("backendToken", "t0ken",
                        "backendTokenRef", "secret:spark/acme#token"))), "upstreams[0].sparkConnect"),
                both("a backend token with a space", "upstreams", List.of(spark(Map.of("backendToken", "two words"))),
                        "upstreams[0].sparkConnect.backendToken"),
                both("the masked form GET shows instead of a backend token", "upstreams",
                        List.of(spark(Map.of("backendTokenRef", "literal:***"))),
                        "upstreams[0].sparkConnect.backendTokenRef"),
                both("a backend token reference that is not one", "upstreams",
                        List.of(spark(Map.of("backendTokenRef", "vault:spark/acme"))),
                        "upstreams[0].sparkConnect.backendTokenRef"),
                both("a negative Spark session cap", "quotas", Map.of("maxSparkSessions", -1),
                        "quotas.maxSparkSessions"),
                both("a Spark operation cap beyond 32 bits", "quotas", Map.of("maxSparkOperations", 1L << 31),
                        "quotas.maxSparkOperations"),
                both("a negative Spark artifact cap", "quotas", Map.of("maxSparkArtifactBytes", -1),
                        "quotas.maxSparkArtifactBytes"),
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

    @Test
    void bothAcceptSparkConnectUpstreamsAndTheirQuotasAlike() throws IOException {
        String ca = Files.readString(InternalCertificates.shared().trustBundle());
        List<Map<String, Object>> upstreams = List.of(Map.of("name", "trino", "url", "https://trino:8443"),
                spark(Map.of("endpoints", List.of("spark-0.acme.svc:15002", "10.1.2.3:15002", "[::1]:15002"),
                        "tls", true, "caCertificatePem", ca, "backendToken", "t0ken")),
                sparkWith(Map.of("endpointTemplate", "{user}.{tenant}.spark.svc:15002", "tls", true,
                        "backendTokenRef", "secret:spark/acme#token"), Map.of("name", "per-user")),
                sparkWith(Map.of("endpoints", List.of("localhost:15002", "127.0.0.1:15003", "[::1]:15004"),
                        "backendToken", "t0ken"), Map.of("name", "on-this-machine")));
        Map<String, Object> quotas = Map.of("maxSparkSessions", 4, "maxSparkOperations", 8,
                "maxSparkArtifactBytes", 1L << 32);
        Map<String, Object> request = validRequest();
        request.put("upstreams", upstreams);
        request.put("quotas", quotas);
        Map<String, Object> tenant = validFileTenant();
        tenant.put("upstreams", upstreams);
        tenant.put("quotas", quotas);

        var fromRequest = TenantRequestValidator.forCreate(request(request)).definition();
        var fromFile = bootstrap.parse(file(tenant)).get(0);

        assertEquals(fromRequest.upstreams(), fromFile.upstreams());
        assertEquals(fromRequest.quotas(), fromFile.quotas());
        assertEquals(List.of(UpstreamKind.HTTP, UpstreamKind.SPARK_CONNECT, UpstreamKind.SPARK_CONNECT,
                        UpstreamKind.SPARK_CONNECT),
                fromFile.upstreams().stream().map(Upstream::kind).toList());
        SparkConnectBackends shared = fromFile.upstreams().get(1).sparkConnect();
        assertEquals(List.of("spark-0.acme.svc:15002", "10.1.2.3:15002", "[::1]:15002"), shared.endpoints());
        assertEquals("literal:t0ken", shared.backendTokenRef());
        assertEquals(ca, shared.caCertificatePem());
        SparkConnectBackends perUser = fromFile.upstreams().get(2).sparkConnect();
        assertEquals("{user}.{tenant}.spark.svc:15002", perUser.endpointTemplate());
        assertEquals(List.of(), perUser.endpoints());
        assertEquals("secret:spark/acme#token", perUser.backendTokenRef());
        assertEquals("literal:t0ken", fromFile.upstreams().get(3).sparkConnect().backendTokenRef(),
                "a token may go in the clear to this machine");
        assertEquals(1L << 32, fromFile.quotas().maxSparkArtifactBytes());
        assertEquals(8, fromFile.quotas().maxSparkOperations());
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

    /** A Spark Connect upstream named spark whose settings are one valid endpoint but for {@code changed}. */
    private static Map<String, Object> spark(Map<String, Object> changed) {
        Map<String, Object> settings = new HashMap<>(Map.of("endpoints", List.of("spark.acme.svc:15002")));
        settings.putAll(changed);
        return sparkWith(settings, Map.of());
    }

    /** A Spark Connect upstream with exactly these settings, and these fields changed. */
    private static Map<String, Object> sparkWith(Map<String, Object> settings, Map<String, Object> changed) {
        Map<String, Object> upstream = new HashMap<>(Map.of("name", "spark", "kind", "SPARK_CONNECT",
                "sparkConnect", settings));
        upstream.putAll(changed);
        return upstream;
    }

    private static Map<String, Object> template(String template) {
        return sparkWith(Map.of("endpointTemplate", template), Map.of());
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
