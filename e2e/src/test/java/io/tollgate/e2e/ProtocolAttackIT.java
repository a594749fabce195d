package io.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightDescriptor;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.FlightStream;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.Ticket;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandPreparedStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.CommandStatementQuery;
import org.apache.arrow.flight.sql.impl.FlightSql.TicketStatementQuery;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant user with valid credentials attacks the protocol edges of the whole suite, with the
 * real Flight SQL JDBC driver, a raw Flight client and plain HTTP: a token issued for one protocol
 * used on the other, two {@code Authorization} headers, garbage tickets and handles, two tenants'
 * users of one name behind Envoy's ext_authz, and a service-client name taken in another tenant.
 */
class ProtocolAttackIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path state;
    static Suite suite;
    static RootAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.startForTest(state);
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        if (allocator != null) {
            allocator.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    // Protocol scopes.

    @Test
    void aTokenAskedForTheCatalogOnlyRunsNoSqlThroughTheJdbcDriverButReadsTheCatalog() throws Exception {
        JsonNode granted = passwordGrant(reader(ACME), "catalog");
        assertEquals("catalog", granted.get("scope").asText());
        String catalogOnly = granted.get("access_token").asText();

        SQLException refused = assertThrows(SQLException.class, () -> customersWithToken(catalogOnly));
        assertTrue(messages(refused).contains("token lacks scope 'sql'"), messages(refused));
        assertEquals(200, get(suite.catalogUri() + "/v1/config", List.of("Bearer " + catalogOnly)).statusCode());
    }

    @Test
    void aTokenAskedForSqlOnlyRunsSqlButIsForbiddenAtTheCatalogNamingTheScope() throws Exception {
        String sqlOnly = passwordGrant(reader(ACME), "sql").get("access_token").asText();

        assertEquals(ACME.customers().size(), customersWithToken(sqlOnly).size());
        HttpResponse<String> refused = get(suite.catalogUri() + "/v1/config", List.of("Bearer " + sqlOnly));
        assertEquals(403, refused.statusCode(), refused.body());
        JsonNode error = JSON.readTree(refused.body()).get("error");
        assertEquals("ForbiddenException", error.get("type").asText());
        assertEquals("token lacks scope 'catalog'", error.get("message").asText());
    }

    @Test
    void theJdbcDriversUserAndPasswordLoginYieldsATokenThatRunsSql() throws Exception {
        Properties login = new Properties();
        login.setProperty("user", reader(GLOBEX).username());
        login.setProperty("password", suite.password(reader(GLOBEX)));
        try (Connection c = DriverManager.getConnection(suite.flightJdbcUrl(), login)) {
            assertEquals(GLOBEX.customers().stream().sorted().toList(), customers(c).stream().sorted().toList());
        }
    }

    // Duplicate Authorization headers.

    @Test
    void twoAuthorizationHeadersAreRefusedByEveryHttpServiceWhicheverIsValid() throws Exception {
        String tenantAdmin = "Bearer " + passwordGrant(admin(ACME), null).get("access_token").asText();
        String platformAdmin = "Bearer " + platformAdminToken();
        String reader = "Bearer " + passwordGrant(reader(ACME), null).get("access_token").asText();
        Map<String, String> valid = Map.of(
                suite.catalogUri() + "/v1/config", reader,
                suite.routerUri() + "/admin/v1/tenants", platformAdmin,
                suite.authUri() + "/admin/v1/accounts", tenantAdmin);
        for (Map.Entry<String, String> endpoint : valid.entrySet()) {
            assertEquals(200, get(endpoint.getKey(), List.of(endpoint.getValue())).statusCode(), endpoint.getKey());
            for (List<String> headers : List.of(List.of(endpoint.getValue(), endpoint.getValue()),
                    List.of(endpoint.getValue(), "Bearer forged"), List.of("Bearer forged", endpoint.getValue()),
                    List.of(reader, endpoint.getValue()))) {
                HttpResponse<String> refused = get(endpoint.getKey(), headers);
                assertEquals(400, refused.statusCode(), endpoint.getKey() + " " + refused.body());
                JsonBody.parse(refused.body()).assertAnyTextContains("more than one Authorization header");
            }
        }
        String basic = "Basic " + Base64.getEncoder().encodeToString("x:y".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Authorization", basic)
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, token.statusCode(), token.body());
        assertEquals("invalid_request", JSON.readTree(token.body()).get("error").asText());
    }

    @Test
    void twoAuthorizationHeadersOnAFlightCallAreRefusedWhicheverIsValid() throws Exception {
        String acme = "Bearer " + passwordGrant(reader(ACME), null).get("access_token").asText();
        String globex = "Bearer " + passwordGrant(reader(GLOBEX), null).get("access_token").asText();
        for (List<String> headers : List.of(List.of(acme, acme), List.of(acme, globex), List.of("Bearer forged", acme))) {
            try (FlightClient client = flight()) {
                FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                        () -> client.getInfo(FlightDescriptor.command(Any.pack(CommandStatementQuery.newBuilder()
                                .setQuery("SELECT * FROM orders").build()).toByteArray()), authorizations(headers)));
                assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code(), headers.toString());
                assertEquals("more than one authorization header", refused.status().description());
            }
        }
    }

    // Malformed tickets and handles.

    @Test
    void garbageTicketsAndForgedHandlesAreInvalidArgumentNeverInternal() throws Exception {
        String token = "Bearer " + passwordGrant(reader(GLOBEX), null).get("access_token").asText();
        byte[] forgedHandle = "forged-handle".getBytes(StandardCharsets.UTF_8);
        List<byte[]> tickets = List.of(
                "garbage".getBytes(StandardCharsets.UTF_8),
                new byte[]{0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f},
                Any.newBuilder().setTypeUrl("type.googleapis.com/evil.Command").build().toByteArray(),
                Any.newBuilder().setTypeUrl("type.googleapis.com/" + TicketStatementQuery.getDescriptor().getFullName())
                        .setValue(ByteString.copyFrom(new byte[]{0x0a, (byte) 0xff})).build().toByteArray(),
                Any.pack(TicketStatementQuery.newBuilder().setStatementHandle(ByteString.copyFrom(forgedHandle)).build())
                        .toByteArray(),
                Any.pack(CommandPreparedStatementQuery.newBuilder()
                        .setPreparedStatementHandle(ByteString.copyFrom(forgedHandle)).build()).toByteArray());
        try (FlightClient client = flight()) {
            for (byte[] ticket : tickets) {
                assertInvalidArgument(() -> {
                    try (FlightStream stream = client.getStream(new Ticket(ticket), authorizations(List.of(token)))) {
                        while (stream.next()) {
                            // drain
                        }
                    }
                });
            }
            assertInvalidArgument(() -> client.getInfo(FlightDescriptor.command("garbage".getBytes(StandardCharsets.UTF_8)),
                    authorizations(List.of(token))));
        }
    }

    // ext_authz: the default engine user keeps tenants apart.

    @Test
    void extAuthzMakesTheReadersOfTwoTenantsTwoEngineUsers() throws Exception {
        for (DemoTenant tenant : List.of(ACME, GLOBEX)) {
            String token = passwordGrant(reader(tenant), null).get("access_token").asText();
            HttpResponse<String> allowed = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri()
                            + "/ext-authz/v1/statement")).header("Authorization", "Bearer " + token)
                    .header("X-Trino-User", "reader").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, allowed.statusCode(), allowed.body());
            assertEquals("reader@" + tenant.id(), allowed.headers().firstValue("x-trino-user").orElseThrow());
        }
    }

    // Service-client ids say nothing about other tenants.

    @Test
    void aServiceClientNameTakenInAnotherTenantIsNoConflictAndEachClientReadsOnlyItsTenant() throws Exception {
        String acmeAdmin = passwordGrant(admin(ACME), null).get("access_token").asText();
        String globexAdmin = passwordGrant(admin(GLOBEX), null).get("access_token").asText();

        HttpResponse<String> acmes = createClient(acmeAdmin, "loader", ACME);
        HttpResponse<String> globexes = createClient(globexAdmin, "loader", GLOBEX);
        HttpResponse<String> again = createClient(acmeAdmin, "loader", ACME);

        assertEquals(201, acmes.statusCode(), acmes.body());
        assertEquals(201, globexes.statusCode(), "a name taken in acme says nothing in globex: " + globexes.body());
        assertEquals(409, again.statusCode(), again.body());
        assertEquals("loader@acme", JSON.readTree(acmes.body()).get("client").get("clientId").asText());
        assertEquals("loader@globex", JSON.readTree(globexes.body()).get("client").get("clientId").asText());

        for (Map.Entry<DemoTenant, HttpResponse<String>> created : Map.of(ACME, acmes, GLOBEX, globexes).entrySet()) {
            JsonNode client = JSON.readTree(created.getValue().body());
            String id = client.get("client").get("clientId").asText();
            String secret = client.get("clientSecret").asText();
            // As Iceberg's REST client sends it (form body), and as HTTP Basic.
            String viaForm = clientCredentials(id, secret, false);
            String viaBasic = clientCredentials(id, secret, true);
            assertEquals(created.getKey().customers().stream().sorted().toList(),
                    customersWithToken(viaForm).stream().sorted().toList());
            assertEquals(created.getKey().customers().size(), customersWithToken(viaBasic).size());
        }
    }

    // Helpers.

    private static DemoTenant.DemoAccount reader(DemoTenant tenant) {
        return account(tenant, "reader");
    }

    private static DemoTenant.DemoAccount admin(DemoTenant tenant) {
        return account(tenant, "admin");
    }

    private static DemoTenant.DemoAccount account(DemoTenant tenant, String name) {
        return tenant.accounts().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
    }

    private static void assertInvalidArgument(Executable call) {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, call);
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, refused.status().code(), refused.toString());
        assertFalse(String.valueOf(refused.status().description()).toLowerCase().contains("exception"),
                refused.toString());
    }

    private static JsonNode passwordGrant(DemoTenant.DemoAccount account, String scope) throws Exception {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "password",
                "username", account.username(), "password", suite.password(account)));
        if (scope != null) {
            form.put("scope", scope);
        }
        return tokenEndpoint(form, null);
    }

    private static String platformAdminToken() throws Exception {
        return tokenEndpoint(Map.of("grant_type", "password", "username", Suite.PLATFORM_ADMIN,
                "password", suite.platformAdminPassword()), null).get("access_token").asText();
    }

    private static String clientCredentials(String clientId, String secret, boolean basic) throws Exception {
        if (basic) {
            String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(secret, StandardCharsets.UTF_8);
            return tokenEndpoint(Map.of("grant_type", "client_credentials"),
                    "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)))
                    .get("access_token").asText();
        }
        return tokenEndpoint(Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret), null).get("access_token").asText();
    }

    private static JsonNode tokenEndpoint(Map<String, String> form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> createClient(String adminToken, String name, DemoTenant tenant)
            throws Exception {
        String body = JSON.writeValueAsString(Map.of("clientId", name, "tenantId", tenant.id(),
                "roles", List.of("reader"), "scopes", List.of("sql", "catalog")));
        return HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri() + "/admin/v1/clients"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String uri, List<String> authorizations) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
        authorizations.forEach(value -> request.header("Authorization", value));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static FlightClient flight() {
        return FlightClient.builder(allocator, Location.forGrpcInsecure("localhost", suite.ports().flight())).build();
    }

    /** Each value as an {@code authorization} header of its own. */
    private static HeaderCallOption authorizations(List<String> values) {
        FlightCallHeaders headers = new FlightCallHeaders();
        values.forEach(value -> headers.insert("authorization", value));
        return new HeaderCallOption(headers);
    }

    private static List<String> customersWithToken(String token) throws SQLException {
        try (Connection c = DriverManager.getConnection(suite.flightJdbcUrl() + "&token=" + token)) {
            return customers(c);
        }
    }

    private static List<String> customers(Connection c) throws SQLException {
        List<String> customers = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT customer FROM orders")) {
            while (rs.next()) {
                customers.add(rs.getString(1));
            }
        }
        return customers;
    }

    private static String messages(Throwable error) {
        StringBuilder all = new StringBuilder();
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            all.append(cause.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
