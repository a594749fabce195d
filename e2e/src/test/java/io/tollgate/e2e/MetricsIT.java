package io.tollgate.e2e;

import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.tollgate.e2e.PrometheusScrape.label;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every service serves its series to Prometheus on its metrics port, and nowhere else: a Flight
 * query, OAuth2 logins and Iceberg commits (one of them lost to a concurrent one) show up in the
 * series operators watch, tagged with the tenant and never with a subject, SQL or table name.
 */
class MetricsIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final List<String> SERVICES = List.of("auth-service", "router-service", "flight-service",
            "catalog-service");
    private static final String TABLE = "metrics_probe_orders";

    @TempDir
    static Path state;
    static Suite suite;

    @BeforeAll
    static void startTheSuiteAndDoSomeWork() throws Exception {
        suite = Suite.startForTest(state);
        DemoTenant.DemoAccount reader = FlightJdbc.account(ACME, "reader");
        AuthHttp auth = new AuthHttp(suite);
        auth.accessToken(reader, null);
        try (Connection c = new FlightJdbc(suite).connect(reader); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT customer FROM orders ORDER BY id")) {
            while (rs.next()) {
                rs.getString(1);
            }
        }
        commitTwiceFromTheSameVersion();
    }

    /** Two writers change the table's schema from the same version: the second commit conflicts (409). */
    private static void commitTwiceFromTheSameVersion() throws Exception {
        try (RESTCatalog catalog = writer()) {
            Namespace namespace = Namespace.of("metrics_probe");
            catalog.createNamespace(namespace);
            TableIdentifier id = TableIdentifier.of(namespace, TABLE);
            catalog.createTable(id, new Schema(Types.NestedField.required(1, "id", Types.LongType.get())));
            Table first = catalog.loadTable(id);
            Table second = catalog.loadTable(id);
            first.updateSchema().addColumn("first", Types.StringType.get()).commit();
            // A schema change is not replayed on the refreshed table: the client gives up on the 409.
            assertThrows(CommitFailedException.class,
                    () -> second.updateSchema().addColumn("second", Types.StringType.get()).commit());
        }
    }

    private static RESTCatalog writer() throws Exception {
        String token = new AuthHttp(suite).accessToken(FlightJdbc.account(ACME, "writer"), "catalog");
        Map<String, String> properties = new LinkedHashMap<>(Map.of("token", token, "uri", suite.catalogUri(),
                "warehouse", ACME.warehouseName()));
        RESTCatalog catalog = new RESTCatalog();
        catalog.setConf(new Configuration());
        catalog.initialize(ACME.id() + "-metrics", properties);
        return catalog;
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void authServiceCountsTokensIssuedPerTenantAndRefusalsByReason() throws Exception {
        DemoTenant.DemoAccount reader = FlightJdbc.account(ACME, "reader");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + reader.username()
                        + "&password=not-the-password")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, refused.statusCode(), refused.body());

        PrometheusScrape scrape = PrometheusScrape.of(suite.metricsPort("auth-service"));
        assertTrue(scrape.sum("tollgate_auth_tokens_issued_total", label("grant", "password"),
                label("tenant", ACME.id())) >= 1, scrape.text());
        assertTrue(scrape.sum("tollgate_auth_tokens_refused_total", label("reason", "wrong_password")) >= 1,
                scrape.text());
        assertTrue(scrape.sum("http_server_requests_seconds_count", label("uri", "/oauth2/token"),
                label("status", "400")) >= 1, scrape.text());
        // Logins from the data services arrive over gRPC, counted by method.
        assertTrue(scrape.sum("grpc_server_processing_duration_seconds_count", label("method", "Authenticate"))
                >= 1, scrape.text());
    }

    @Test
    void flightServiceCountsCallsRowsBytesAndPoolsPerTenant() throws Exception {
        Properties forged = new Properties();
        forged.setProperty("token", "not-a-token");
        forged.setProperty("useEncryption", "false");
        assertThrows(SQLException.class, () -> DriverManager.getConnection("jdbc:arrow-flight-sql://localhost:"
                + suite.ports().flight(), forged).close());

        PrometheusScrape scrape = PrometheusScrape.of(suite.metricsPort("flight-service"));
        assertTrue(scrape.sum("tollgate_flight_calls_seconds_count", label("status", "UNAUTHENTICATED"),
                label("tenant", "_none")) >= 1, scrape.text());
        String tenant = label("tenant", ACME.id());
        assertTrue(scrape.sum("tollgate_flight_calls_seconds_count", label("method", "do_get"),
                label("command", "TicketStatementQuery"), label("status", "OK"), tenant)
                + scrape.sum("tollgate_flight_calls_seconds_count", label("method", "do_get"),
                label("command", "CommandPreparedStatementQuery"), label("status", "OK"), tenant) >= 1,
                scrape.text());
        assertTrue(scrape.sum("tollgate_flight_calls_seconds_count", label("method", "do_action"),
                label("command", "CreatePreparedStatement"), tenant) >= 1, scrape.text());
        assertEquals(ACME.customers().size(), scrape.sum("tollgate_flight_streamed_rows_total", tenant),
                scrape.text());
        assertTrue(scrape.sum("tollgate_flight_streamed_bytes_total", tenant) > 0, scrape.text());
        assertTrue(scrape.sum("tollgate_flight_pool_connections_max", tenant) >= 1, scrape.text());
        // Its channels to auth-service and router-service, and the calls on them.
        assertEquals(1, scrape.sum("tollgate_grpc_channel_ready", label("target", "router")), scrape.text());
        assertTrue(scrape.sum("grpc_client_requests_sent_messages_total",
                label("service", "tollgate.router.v1.RouterService"), label("method", "WatchTenants")) >= 1,
                scrape.text());
    }

    @Test
    void catalogServiceCountsCommitsAndConflictsPerTenant() throws Exception {
        PrometheusScrape scrape = PrometheusScrape.of(suite.metricsPort("catalog-service"));
        String tenant = label("tenant", ACME.id());
        String commit = label("operation", "table.commit");
        assertEquals(1, scrape.sum("tollgate_catalog_mutations_total", commit, label("outcome", "ok"), tenant),
                scrape.text());
        assertEquals(1, scrape.sum("tollgate_catalog_mutations_total", commit, label("outcome", "conflict"),
                tenant), scrape.text());
        assertEquals(1, scrape.sum("tollgate_catalog_mutations_total", label("operation", "table.create"),
                label("outcome", "ok"), tenant), scrape.text());
        assertTrue(scrape.sum("http_server_requests_seconds_count", label("status", "409")) >= 1, scrape.text());
    }

    @Test
    void routerServiceCountsItsGrpcCalls() throws Exception {
        PrometheusScrape scrape = PrometheusScrape.of(suite.metricsPort("router-service"));
        assertTrue(scrape.sum("grpc_server_requests_received_messages_total",
                label("service", "tollgate.router.v1.RouterService"), label("method", "WatchTenants")) >= 1,
                scrape.text());
        assertTrue(scrape.sum("hikaricp_connections_max") + scrape.sum("jdbc_connections_max") >= 1, scrape.text());
    }

    @Test
    void noSeriesNamesASubjectSqlOrTable() throws Exception {
        for (String service : SERVICES) {
            String text = PrometheusScrape.of(suite.metricsPort(service)).text();
            for (String secret : List.of("reader@", "writer@", "SELECT", "orders", TABLE, "metrics_probe")) {
                assertFalse(text.contains(secret), service + "'s series name " + secret + ":\n" + text);
            }
        }
    }

    @Test
    void noServiceServesItsSeriesOnItsHttpPort() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, Integer> httpPorts = Map.of("auth-service", suite.ports().authHttp(),
                "router-service", suite.ports().routerHttp(), "flight-service", suite.ports().flightHttp(),
                "catalog-service", suite.ports().catalogHttp());
        for (Map.Entry<String, Integer> service : httpPorts.entrySet()) {
            assertNotEquals(suite.metricsPort(service.getKey()), service.getValue());
            for (String path : List.of("/prometheus", "/metrics", "/metrics/tollgate.flight.calls")) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + service.getValue() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertNotEquals(200, response.statusCode(), service.getKey() + path + ": " + response.body());
                assertFalse(response.body().contains(ACME.id()), service.getKey() + path + ": " + response.body());
            }
        }
    }
}
