package io.tollgate.flight.server;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.tls.TestPki;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.tollgate.flight.server.FlightTlsEndpointTest.CUSTOMERS;
import static io.tollgate.flight.server.FlightTlsEndpointTest.customerNames;
import static io.tollgate.flight.server.FlightTlsEndpointTest.encoded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The Flight endpoint with {@code client-ca} set, so client certificates are required (the
 * default then) and verified against that CA, reached by real clients with and without one. A
 * certificate secures the transport only: the caller still needs a token.
 */
class FlightMutualTlsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());

    @TempDir
    static Path pki;
    static TestPki.Issued ca;
    static TestPki.Issued serverCertificate;
    static TestPki.Issued clientCertificate;
    static TestPki.Issued foreignClientCertificate;
    static List<Tenant> tenants;
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca(pki, "test-ca");
        serverCertificate = TestPki.server(pki, "flight", ca);
        clientCertificate = TestPki.client(pki, "bi-tool", ca);
        // The impostor CA bears the trusted CA's name: a client only presents a certificate whose
        // issuer is among the names the server asks for, so a differently named CA's certificate
        // would never be sent. This one is sent, and must be refused on its signature.
        foreignClientCertificate = TestPki.client(pki, "stranger", TestPki.ca(pki, "impostor-ca", "test-ca"));
        tenants = ShopSchema.create(DB);
        server = FlightSqlServer.start(tenants, tlsSettings(null));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
        server.close();
    }

    private static Map<String, Object> tlsSettings(String clientAuth) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "tollgate.flight.tls.cert-chain", serverCertificate.certificateFile().toString(),
                "tollgate.flight.tls.private-key", serverCertificate.keyFile().toString(),
                "tollgate.flight.tls.client-ca", ca.certificateFile().toString()));
        if (clientAuth != null) {
            settings.put("tollgate.flight.tls.client-auth", clientAuth);
        }
        return settings;
    }

    private static String token(FlightSqlServer target) {
        return target.token("r@acme", "acme", "reader");
    }

    /** A client trusting the test CA, presenting the given certificate (or none) and token (or none). */
    private static FlightSqlClient client(FlightSqlServer target, TestPki.Issued certificate, String token)
            throws Exception {
        FlightClient.Builder builder = FlightClient.builder(allocator, target.tlsLocation())
                .trustedCertificates(new ByteArrayInputStream(Files.readAllBytes(ca.certificateFile())));
        if (certificate != null) {
            builder.clientCertificate(new ByteArrayInputStream(Files.readAllBytes(certificate.certificateFile())),
                    new ByteArrayInputStream(Files.readAllBytes(certificate.keyFile())));
        }
        if (token != null) {
            builder.intercept(FlightSqlServer.bearer(token));
        }
        return new FlightSqlClient(builder.build());
    }

    @Test
    void aClientWithACertificateFromTheClientCaRunsAQuery() throws Exception {
        try (FlightSqlClient client = client(server, clientCertificate, token(server))) {
            assertEquals(CUSTOMERS, customerNames(client));
        }
    }

    @Test
    void theJdbcDriverPresentsItsClientCertificateAndRunsAQuery() throws Exception {
        assertEquals(CUSTOMERS, customerNames("jdbc:arrow-flight-sql://127.0.0.1:" + server.port()
                + "/?useEncryption=true&tlsRootCerts=" + encoded(ca.certificateFile())
                + "&clientCertificate=" + encoded(clientCertificate.certificateFile())
                + "&clientKey=" + encoded(clientCertificate.keyFile()) + "&token=" + token(server)));
    }

    @Test
    void aClientWithoutACertificateIsRefusedAtTheTransport() throws Exception {
        try (FlightSqlClient client = client(server, null, token(server))) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> client.execute("SELECT 1"));
            assertEquals(FlightStatusCode.UNAVAILABLE, refused.status().code(), refused.toString());
        }
    }

    @Test
    void aClientWithACertificateFromAnImpostorOfTheClientCaIsRefusedAtTheTransport() throws Exception {
        try (FlightSqlClient client = client(server, foreignClientCertificate, token(server))) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> client.execute("SELECT 1"));
            assertEquals(FlightStatusCode.UNAVAILABLE, refused.status().code(), refused.toString());
        }
    }

    @Test
    void aTrustedCertificateIsNoIdentityTheCallerStillNeedsAToken() throws Exception {
        try (FlightSqlClient client = client(server, clientCertificate, null)) {
            FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                    () -> client.execute("SELECT 1"));
            assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code(), refused.toString());
        }
    }

    @Test
    void withOptionalClientCertificatesAClientWithoutOneGetsInButOneWithAnUntrustedOneDoesNot() throws Exception {
        try (FlightSqlServer optional = FlightSqlServer.start(tenants, tlsSettings("optional"))) {
            try (FlightSqlClient client = client(optional, null, token(optional))) {
                assertEquals(CUSTOMERS, customerNames(client));
            }
            try (FlightSqlClient client = client(optional, clientCertificate, token(optional))) {
                assertEquals(CUSTOMERS, customerNames(client));
            }
            try (FlightSqlClient client = client(optional, foreignClientCertificate, token(optional))) {
                assertThrows(FlightRuntimeException.class, () -> client.execute("SELECT 1"));
            }
        }
    }
}
