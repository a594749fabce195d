package io.tollgate.flight.server;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.tls.TestPki;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Flight endpoint serving TLS with a server certificate from a test CA (no client
 * certificates), reached by real clients: arrow-java's FlightSqlClient, the Flight SQL JDBC driver
 * and a plain gRPC health client.
 */
class FlightTlsEndpointTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static final List<String> CUSTOMERS = List.of("Ada", "Grace", "Edsger");

    @TempDir
    static Path pki;
    static TestPki.Issued ca;
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca(pki, "test-ca");
        TestPki.Issued serverCertificate = TestPki.server(pki, "flight", ca);
        server = FlightSqlServer.start(ShopSchema.create(DB), Map.of(
                "tollgate.flight.tls.cert-chain", serverCertificate.certificateFile().toString(),
                "tollgate.flight.tls.private-key", serverCertificate.keyFile().toString()));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
        server.close();
    }

    private static String token() {
        return server.token("r@acme", "acme", "reader");
    }

    private static FlightSqlClient tlsClient(Location location, Path trustedCa) throws Exception {
        return new FlightSqlClient(FlightClient.builder(allocator, location)
                .trustedCertificates(new ByteArrayInputStream(Files.readAllBytes(trustedCa)))
                .intercept(FlightSqlServer.bearer(token()))
                .build());
    }

    static List<String> customerNames(FlightSqlClient client) throws Exception {
        return Results.read(client, client.execute("SELECT name FROM customers ORDER BY id")).column(0);
    }

    static List<String> customerNames(String jdbcUrl) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT name FROM customers ORDER BY id")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static String encoded(Object value) {
        return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    @Test
    void aFlightSqlClientTrustingTheCaRunsAQueryOverTls() throws Exception {
        try (FlightSqlClient client = tlsClient(server.tlsLocation(), ca.certificateFile())) {
            assertEquals(CUSTOMERS, customerNames(client));
        }
    }

    @Test
    void theJdbcDriverRunsAQueryTrustingTheCaAsTlsRootCerts() throws Exception {
        assertEquals(CUSTOMERS, customerNames("jdbc:arrow-flight-sql://127.0.0.1:" + server.port()
                + "/?useEncryption=true&disableCertificateVerification=false"
                + "&tlsRootCerts=" + encoded(ca.certificateFile()) + "&token=" + token()));
    }

    @Test
    void theJdbcDriverRunsAQueryTrustingTheCaFromATrustStore() throws Exception {
        Path trustStore = TestPki.trustStore(pki, ca, "changeit");
        // useSystemTrustStore defaults to true and would win over trustStore.
        assertEquals(CUSTOMERS, customerNames("jdbc:arrow-flight-sql://127.0.0.1:" + server.port()
                + "/?useEncryption=true&useSystemTrustStore=false&trustStore=" + encoded(trustStore)
                + "&trustStorePassword=changeit&token=" + token()));
    }

    @Test
    void aPlaintextClientCannotTalkToTheTlsPort() throws Exception {
        try (FlightSqlClient plaintext = new FlightSqlClient(FlightClient.builder(allocator, server.location())
                .intercept(FlightSqlServer.bearer(token())).build())) {
            assertThrows(FlightRuntimeException.class, () -> plaintext.execute("SELECT 1"));
        }
        assertThrows(SQLException.class, () -> customerNames(
                "jdbc:arrow-flight-sql://127.0.0.1:" + server.port() + "/?useEncryption=false&token=" + token()));
    }

    @Test
    void aClientThatDoesNotTrustTheServersCaRefusesToConnect() throws Exception {
        TestPki.Issued otherCa = TestPki.ca(pki, "other-ca");
        try (FlightSqlClient client = tlsClient(server.tlsLocation(), otherCa.certificateFile())) {
            assertThrows(FlightRuntimeException.class, () -> client.execute("SELECT 1"));
        }
    }

    @Test
    void theHealthServiceOnTheSamePortIsServedOverTlsToo() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificateFile().toFile()).build())
                .build();
        try {
            HealthCheckResponse answer = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS) // only so that a broken build cannot hang
                    .check(HealthCheckRequest.getDefaultInstance());
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, answer.getStatus());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientsLimitedToTls12OrTls13BothCompleteTheHandshake() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca.certificate());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.port())) {
                socket.setEnabledProtocols(new String[] {protocol});
                socket.startHandshake();
                assertEquals(protocol, socket.getSession().getProtocol());
            }
        }
    }

    @Test
    void aCertificateWithoutItsKeyStopsStartUpNamingTheMissingSetting() {
        RuntimeException failure = assertThrows(RuntimeException.class, () -> FlightSqlServer.start(List.of(), Map.of(
                "tollgate.flight.tls.cert-chain", ca.certificateFile().toString())));
        String messages = messages(failure);
        assertTrue(messages.contains("tollgate.flight.tls.cert-chain is set but tollgate.flight.tls.private-key is not"),
                messages);
    }

    /** The messages of an exception and its causes, as start-up reports them. */
    static String messages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
