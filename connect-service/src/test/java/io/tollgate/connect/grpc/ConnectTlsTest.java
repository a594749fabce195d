package io.tollgate.connect.grpc;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.StatusRuntimeException;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectGateway;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.files.Directories;
import io.tollgate.testkit.tls.TestPki;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint serves TLS from PEM files, as Spark's JVM client expects of any host but localhost
 * (it then sends its token as {@code authentication}); without certificates it refuses to start
 * unless plaintext was asked for.
 */
class ConnectTlsTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    @Test
    void overTlsACallWithTheTokenInAuthenticationReachesTheBackendAsTheVerifiedUserAndThePortIsReported() throws Exception {
        Path dir = Directories.createTemporary("connect-tls");
        TestPki.Issued ca = TestPki.ca(dir, "test-ca");
        TestPki.Issued server = TestPki.server(dir, "connect", ca);
        Map<String, Object> properties = ConnectGateway.properties(shared.registry, shared.revocations);
        properties.put("tollgate.connect.plaintext", false);
        properties.put("tollgate.connect.tls.cert-chain", server.certificateFile().toString());
        properties.put("tollgate.connect.tls.private-key", server.keyFile().toString());
        Path ports = dir.resolve("ports.properties");
        properties.put("tollgate.report-ports-to", ports.toString());
        String session = SparkRequests.newSession();
        try (ConnectGateway tls = ConnectGateway.start(properties)) {
            java.util.Properties reported = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(ports)) {
                reported.load(in);
            }
            assertEquals(String.valueOf(tls.port()), reported.getProperty("spark-connect"),
                    "the bound port is reported for launchers (" + reported + ")");
            ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", tls.port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(ca.certificate()).build()).build();
            try {
                SparkConnectServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                                ConnectGateway.bearer("authentication", ConnectTokens.spark("alice", "acme"))))
                        .config(ConfigRequest.newBuilder().setSessionId(session).build());
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } finally {
            Directories.deleteRecursively(dir);
        }
        assertEquals("alice@acme", shared.backendA.receivedFor(session).get(0).user().getUserId());
    }

    @Test
    void aBackendOverTlsIsReachedTrustingOnlyTheCaItsUpstreamNames() throws Exception {
        Path dir = Directories.createTemporary("connect-backend-tls");
        TestPki.Issued ca = TestPki.ca(dir, "backend-ca");
        TestPki.Issued otherCa = TestPki.ca(dir, "other-ca");
        try (SparkBackendDouble backend = new SparkBackendDouble("tls", TestPki.server(dir, "spark", ca))) {
            String caPem = java.nio.file.Files.readString(ca.certificateFile());
            String otherPem = java.nio.file.Files.readString(otherCa.certificateFile());
            shared.gateway.awaitRevision(shared.registry.upsert(SharedNeighbours.tenant("secure").addUpstreams(
                    SharedNeighbours.spark(SharedNeighbours.upstream("", "localhost:" + backend.endpoint().split(":")[1])
                            .setTls(true).setCaCertificatePem(caPem))).build()));
            shared.gateway.awaitRevision(shared.registry.upsert(SharedNeighbours.tenant("mistrusting").addUpstreams(
                    SharedNeighbours.spark(SharedNeighbours.upstream("", "localhost:" + backend.endpoint().split(":")[1])
                            .setTls(true).setCaCertificatePem(otherPem))).build()));
            String session = SparkRequests.newSession();

            shared.gateway.blocking("authorization", ConnectTokens.spark("alice", "secure"))
                    .config(ConfigRequest.newBuilder().setSessionId(session).build());
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                    shared.gateway.blocking("authorization", ConnectTokens.spark("alice", "mistrusting"))
                            .config(ConfigRequest.newBuilder().setSessionId(SparkRequests.newSession()).build()));

            assertEquals("alice@secure", backend.receivedFor(session).get(0).user().getUserId());
            assertEquals(io.grpc.Status.Code.UNAVAILABLE, refused.getStatus().getCode());
            assertEquals("Spark Connect backend unavailable", refused.getStatus().getDescription());
        } finally {
            Directories.deleteRecursively(dir);
        }
    }

    @Test
    void withoutCertificatesOrThePlaintextSwitchTheServiceDoesNotStart() {
        Map<String, Object> properties = ConnectGateway.properties(shared.registry, shared.revocations);
        properties.put("tollgate.connect.plaintext", false);
        Throwable failure = assertThrows(RuntimeException.class, () -> ConnectGateway.start(properties).close());
        while (failure.getCause() != null && !(failure instanceof ConfigurationException)) {
            failure = failure.getCause();
        }
        assertTrue(failure instanceof ConfigurationException, String.valueOf(failure));
        assertTrue(failure.getMessage().contains("tollgate.connect.tls.cert-chain"), failure.getMessage());
    }
}
