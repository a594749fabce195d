package io.tollgate.e2e;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.memory.RootAllocator;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.rest.RESTCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The walking skeleton, end to end: the four services as separate processes (as {@code ./tollgate
 * up} starts them), a real PostgreSQL, and the Arrow Flight SQL JDBC driver as the client.
 */
class WalkingSkeletonIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final DemoTenant GLOBEX = DemoTenant.all().get(1);

    @TempDir
    static Path state;
    static Suite suite;

    @BeforeAll
    static void startTheSuite() throws Exception {
        suite = Suite.startForTest(state);
    }

    @AfterAll
    static void stopTheSuite() {
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void eachReaderSeesExactlyItsOwnTenantsOrders() throws SQLException {
        assertEquals(ACME.customers(), customers(reader(ACME)));
        assertEquals(GLOBEX.customers(), customers(reader(GLOBEX)));
    }

    @Test
    void otherTenantsRowsInTheSharedDatabaseStayInvisible() throws SQLException {
        try (Connection admin = suite.postgres().connect(suite.sharedDatabase());
             Statement s = admin.createStatement()) {
            s.execute("INSERT INTO orders (tenant_id, id, customer, amount) VALUES "
                    + "('intruder', 1, 'Intruder One', 1), ('intruder', 2, 'Intruder Two', 2) ON CONFLICT DO NOTHING");
        }
        try (Connection c = connect(reader(GLOBEX)); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) AS n FROM orders WHERE tenant_id <> 'globex'")) {
            assertTrue(rs.next());
            assertEquals(0, rs.getLong(1));
        }
        assertEquals(GLOBEX.customers(), customers(reader(GLOBEX)));
    }

    @Test
    void wrongPasswordUnknownAccountAndUnknownTenantGetTheSameRefusal() {
        DemoTenant.DemoAccount reader = reader(ACME);
        List<String> messages = new ArrayList<>();
        for (String[] attempt : List.of(
                new String[] {reader.username(), "not-the-password"},
                new String[] {"nobody@acme", suite.password(reader)},
                new String[] {"reader@no-such-tenant", suite.password(reader)})) {
            SQLException refused = assertThrows(SQLException.class, () -> connect(attempt[0], attempt[1]).close());
            String message = rootMessage(refused);
            assertFalse(message.contains(attempt[0]), "the refusal must not echo the account: " + message);
            messages.add(message);
        }
        assertTrue(messages.get(0).contains("invalid credentials"), messages.get(0));
        assertEquals(1, messages.stream().distinct().count(), "one and the same refusal: " + messages);
    }

    @Test
    void aBearerTokenFromTheHandshakeIsAcceptedOnItsOwn() throws Exception {
        DemoTenant.DemoAccount reader = reader(ACME);
        AtomicReference<String> issued = new AtomicReference<>();
        FlightClientMiddleware.Factory captureAuthorization = info -> new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoingHeaders) {
            }

            @Override
            public void onHeadersReceived(CallHeaders incomingHeaders) {
                String authorization = incomingHeaders.get("authorization");
                if (authorization != null) {
                    issued.set(authorization);
                }
            }

            @Override
            public void onCallCompleted(CallStatus status) {
            }
        };
        try (RootAllocator allocator = new RootAllocator();
             FlightClient client = FlightClient.builder(allocator, Location.forGrpcInsecure("localhost",
                     suite.ports().flight())).intercept(captureAuthorization).build()) {
            assertTrue(client.authenticateBasicToken(reader.username(), suite.password(reader)).isPresent());
        }
        assertTrue(issued.get() != null && issued.get().startsWith("Bearer "), "the handshake returns a bearer token");
        String token = issued.get().substring("Bearer ".length());
        Properties properties = new Properties();
        properties.setProperty("token", token);
        properties.setProperty("useEncryption", "false");
        try (Connection c = DriverManager.getConnection(jdbcUrl(), properties)) {
            assertEquals(ACME.customers(), customers(c));
        }
    }

    @Test
    void everyGrpcServiceAnswersTheStandardHealthCheck() {
        // auth and router ask for a service certificate (mutual TLS); the Flight port here is plaintext.
        int auth = suite.ports().authGrpc();
        int router = suite.ports().routerGrpc();
        int flight = suite.ports().flight();
        Map<Integer, ManagedChannel> channels = Map.of(
                auth, suite.certificates().channel(auth, "flight-service", "auth-service"),
                router, suite.certificates().channel(router, "flight-service", "router-service"),
                flight, ManagedChannelBuilder.forAddress("localhost", flight).usePlaintext().build());
        for (Map.Entry<Integer, ManagedChannel> entry : channels.entrySet()) {
            int port = entry.getKey();
            ManagedChannel channel = entry.getValue();
            try {
                HealthCheckResponse response = HealthGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                assertEquals(HealthCheckResponse.ServingStatus.SERVING, response.getStatus(), "port " + port);
            } finally {
                channel.shutdownNow();
            }
        }
    }

    @Test
    void theRegistryAnswersOnlyServicesAndShowsCatalogNoCredentials() {
        int router = suite.ports().routerGrpc();
        ManagedChannel anonymous = suite.certificates().channelWithoutCertificate(router, "router-service");
        ManagedChannel catalog = suite.certificates().channel(router, "catalog-service", "router-service");
        try {
            ResolveTenantRequest acme = ResolveTenantRequest.newBuilder().setTenantId(ACME.id()).build();
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                    RouterServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(30, TimeUnit.SECONDS)
                            .resolveTenant(acme));
            assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode(), "no certificate, no handshake");

            Tenant seen = RouterServiceGrpc.newBlockingStub(catalog).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .resolveTenant(acme).getTenant();
            assertEquals(ACME.id(), seen.getId());
            assertFalse(seen.hasSqlBackend(), "catalog-service is shown no backend credentials");
        } finally {
            anonymous.shutdownNow();
            catalog.shutdownNow();
        }
    }

    private static DemoTenant.DemoAccount reader(DemoTenant tenant) {
        return tenant.accounts().get(0);
    }

    private static List<String> customers(DemoTenant.DemoAccount account) throws SQLException {
        try (Connection c = connect(account)) {
            return customers(c);
        }
    }

    private static List<String> customers(Connection c) throws SQLException {
        List<String> customers = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM orders ORDER BY id")) {
            while (rs.next()) {
                customers.add(rs.getString("customer"));
            }
        }
        return customers;
    }

    private static Connection connect(DemoTenant.DemoAccount account) throws SQLException {
        return connect(account.username(), suite.password(account));
    }

    private static Connection connect(String user, String password) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("useEncryption", "false");
        return DriverManager.getConnection(jdbcUrl(), properties);
    }

    private static String jdbcUrl() {
        return "jdbc:arrow-flight-sql://localhost:" + suite.ports().flight();
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? error.getMessage() : cause.getMessage();
    }

    @Test
    void theIcebergClientCreatesATableThatItsTenantsReaderLoadsAndTheOtherTenantCannotSee() throws IOException {
        FlightJdbc logins = new FlightJdbc(suite);
        Schema schema = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()),
                Types.NestedField.optional(2, "customer", Types.StringType.get()));
        Namespace sales = Namespace.of("e2e_sales");
        TableIdentifier orders = TableIdentifier.of(sales, "orders");
        try (RESTCatalog writer = icebergClient(logins, ACME.accounts().get(2), ACME);
             RESTCatalog reader = icebergClient(logins, ACME.accounts().get(0), ACME);
             RESTCatalog otherTenant = icebergClient(logins, GLOBEX.accounts().get(2), GLOBEX)) {
            writer.createNamespace(sales);
            Table created = writer.createTable(orders, schema);
            created.updateProperties().set("owner", "e2e").commit();
            assertTrue(created.location().startsWith(suite.warehouseLocation(ACME) + "/"), created.location());

            assertEquals("e2e", reader.loadTable(orders).properties().get("owner"));
            assertThrows(ForbiddenException.class, () -> reader.dropTable(orders, false));

            assertThrows(NoSuchTableException.class, () -> otherTenant.loadTable(orders));
            assertFalse(otherTenant.namespaceExists(sales));
            assertTrue(writer.tableExists(orders));
        }
    }

    @Test
    void aTenantsSecondWarehouseIsACatalogOfItsOwn() throws IOException {
        FlightJdbc logins = new FlightJdbc(suite);
        String archiveName = ACME.warehouseNames().get(1);
        TableIdentifier yearly = TableIdentifier.of("e2e_archive", "yearly");
        try (RESTCatalog lake = icebergClient(logins, ACME.accounts().get(2), ACME.warehouseName());
             RESTCatalog archive = icebergClient(logins, ACME.accounts().get(2), archiveName)) {
            archive.createNamespace(yearly.namespace());
            Table archived = archive.createTable(yearly, new Schema(
                    Types.NestedField.required(1, "id", Types.LongType.get())));

            assertTrue(archived.location().startsWith(suite.warehouseLocation(ACME, archiveName) + "/"),
                    archived.location());
            assertTrue(archive.tableExists(yearly));
            assertFalse(lake.namespaceExists(yearly.namespace()), "a namespace of one warehouse is not in the other");
            assertFalse(lake.tableExists(yearly), "a table of one warehouse is not in the other");
        }
    }

    private RESTCatalog icebergClient(FlightJdbc logins, DemoTenant.DemoAccount account, DemoTenant tenant) {
        return icebergClient(logins, account, tenant.warehouseName());
    }

    private RESTCatalog icebergClient(FlightJdbc logins, DemoTenant.DemoAccount account, String warehouse) {
        RESTCatalog catalog = new RESTCatalog();
        catalog.initialize(account.username(), Map.of("uri", suite.catalogUri(), "warehouse", warehouse,
                "token", logins.token(account)));
        return catalog;
    }
}
