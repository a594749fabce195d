package io.tollgate.flight.adbc;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.tls.TestPki;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.adbc.core.AdbcConnection;
import org.apache.arrow.adbc.core.AdbcDatabase;
import org.apache.arrow.adbc.core.AdbcDriver;
import org.apache.arrow.adbc.core.AdbcException;
import org.apache.arrow.adbc.core.AdbcStatement;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlConnectionProperties;
import org.apache.arrow.adbc.driver.flightsql.FlightSqlDriver;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ADBC's Flight SQL driver for Java over mutual TLS, with the options documented for ADBC clients:
 * a {@code grpc+tls} URI, the CA as {@code tls_root_certs} and the client certificate and key as
 * {@code mtls_cert_chain} / {@code mtls_private_key}.
 */
class AdbcFlightSqlMutualTlsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());

    @TempDir
    static Path pki;
    static TestPki.Issued ca;
    static TestPki.Issued client;
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        ca = TestPki.ca(pki, "test-ca");
        TestPki.Issued serverCertificate = TestPki.server(pki, "flight", ca);
        client = TestPki.client(pki, "notebook", ca);
        server = FlightSqlServer.start(ShopSchema.create(DB), Map.of(
                "tollgate.flight.tls.cert-chain", serverCertificate.certificateFile().toString(),
                "tollgate.flight.tls.private-key", serverCertificate.keyFile().toString(),
                "tollgate.flight.tls.client-ca", ca.certificateFile().toString()));
        allocator = new RootAllocator();
    }

    /** A database with the TLS options; its PEM streams are fresh (see the last test). */
    private static AdbcDatabase open() throws Exception {
        Map<String, Object> parameters = new HashMap<>();
        AdbcDriver.PARAM_URI.set(parameters, "grpc+tls://127.0.0.1:" + server.port());
        // The Java driver takes PEM contents as streams (the C/Go/Python drivers as strings).
        FlightSqlConnectionProperties.TLS_ROOT_CERTS.set(parameters, pem(ca.certificateFile()));
        FlightSqlConnectionProperties.MTLS_CERT_CHAIN.set(parameters, pem(client.certificateFile()));
        FlightSqlConnectionProperties.MTLS_PRIVATE_KEY.set(parameters, pem(client.keyFile()));
        parameters.put("adbc.flight.sql.rpc.call_header.authorization",
                "Bearer " + server.token("r@acme", "acme", "reader"));
        return new FlightSqlDriver(allocator).open(parameters);
    }

    private static ByteArrayInputStream pem(Path file) throws Exception {
        return new ByteArrayInputStream(Files.readAllBytes(file));
    }

    @AfterAll
    static void stop() {
        allocator.close();
        server.close();
    }

    @Test
    void aQueryRunsOverMutualTls() throws Exception {
        List<String> names = new ArrayList<>();
        try (AdbcDatabase database = open();
             AdbcConnection connection = database.connect();
             AdbcStatement statement = connection.createStatement()) {
            statement.setSqlQuery("SELECT name FROM customers ORDER BY id");
            try (AdbcStatement.QueryResult result = statement.executeQuery()) {
                ArrowReader reader = result.getReader();
                while (reader.loadNextBatch()) {
                    VarCharVector column = (VarCharVector) reader.getVectorSchemaRoot().getVector(0);
                    for (int i = 0; i < column.getValueCount(); i++) {
                        names.add(column.getObject(i).toString());
                    }
                }
            }
        }
        assertEquals(List.of("Ada", "Grace", "Edsger"), names);
    }

    /**
     * A quirk of the Java driver (0.20.0), documented for users: the first connection reads the PEM
     * streams to their end, so a second connection of the same AdbcDatabase finds no certificate.
     * Open one database per connection (or per pool) when using TLS options.
     */
    @Test
    void theJavaDriverReadsItsPemStreamsOnlyOncePerDatabase() throws Exception {
        try (AdbcDatabase database = open()) {
            database.connect().close(); // the first connection is made
            AdbcException second = assertThrows(AdbcException.class, database::connect);
            assertTrue(second.getMessage().contains("does not contain valid certificates"), second.getMessage());
        }
    }
}
