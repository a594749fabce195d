package io.tollgate.testkit.tls;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tollgate.common.tls.InternalTlsConfig;
import io.tollgate.testkit.files.Directories;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The internal mutual TLS of a test run or a local suite: one CA generated at start-up and a
 * certificate per service name, issued on first use, written as PEM files in one directory. Gives
 * a service its configuration (properties or environment), and gives tests channels that call a
 * service as any peer: a known service, an unknown name, a certificate from another CA, or none.
 * Files are written under a temporary directory (tests) or the suite's state directory.
 */
public final class InternalCertificates {
    private static volatile InternalCertificates shared;

    private final Path dir;
    private final TestPki.Issued ca;
    private final Map<String, TestPki.Issued> issued = new ConcurrentHashMap<>();

    private InternalCertificates(Path dir, String caName) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.ca = TestPki.ca(dir, caName);
    }

    /** A new CA (and certificates issued from it on demand) in {@code dir}. */
    public static InternalCertificates create(Path dir) {
        return new InternalCertificates(dir, "tollgate-internal-ca");
    }

    /** The certificates every test of this JVM shares, in a temporary directory. */
    public static InternalCertificates shared() {
        if (shared == null) {
            synchronized (InternalCertificates.class) {
                if (shared == null) {
                    Path dir = Directories.createTemporary("tollgate-internal-tls");
                    // Every test of the JVM may use it until the end: the keys go with the JVM.
                    Directories.deleteOnExit(dir);
                    shared = create(dir);
                }
            }
        }
        return shared;
    }

    /**
     * Another CA, which the services do not trust, with the same CA name: certificates from it
     * stand for an impostor's.
     */
    public static InternalCertificates foreign() {
        Path dir = Directories.createTemporary("tollgate-foreign-tls");
        Directories.deleteOnExit(dir);
        return create(dir);
    }

    /** The CA bundle file (the trust bundle of every service). */
    public Path trustBundle() {
        return ca.certificateFile();
    }

    /** The certificate of a service name, issued on first use. */
    public TestPki.Issued certificate(String serviceName) {
        return issued.computeIfAbsent(serviceName, name -> TestPki.service(dir, name, ca));
    }

    /** A service's {@code tollgate.internal-tls.*} properties. */
    public Map<String, Object> properties(String serviceName) {
        TestPki.Issued own = certificate(serviceName);
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(InternalTlsConfig.CERTIFICATE, own.certificateFile().toString());
        properties.put(InternalTlsConfig.PRIVATE_KEY, own.keyFile().toString());
        properties.put(InternalTlsConfig.TRUST_BUNDLE, trustBundle().toString());
        return properties;
    }

    /** The same, as the environment variables a container gets. */
    public Map<String, String> environment(String serviceName) {
        Map<String, String> env = new LinkedHashMap<>();
        properties(serviceName).forEach((key, value) ->
                env.put(key.toUpperCase().replace('.', '_').replace('-', '_'), value.toString()));
        return env;
    }

    /**
     * A channel to {@code localhost:port} that presents {@code callerName}'s certificate and
     * requires the server to be {@code serverName}.
     */
    public ManagedChannel channel(int port, String callerName, String serverName) {
        return channel(port, serverName, certificate(callerName));
    }

    /** A channel that trusts this CA for the server but presents no certificate of its own. */
    public ManagedChannel channelWithoutCertificate(int port, String serverName) {
        return channel(port, serverName, (TestPki.Issued) null);
    }

    /**
     * A channel that trusts this CA for the server and presents {@code presented} (from any CA; none
     * when null).
     */
    public ManagedChannel channel(int port, String serverName, TestPki.Issued presented) {
        SslContextBuilder client = GrpcSslContexts.forClient().trustManager(ca.certificate());
        if (presented != null) {
            client.keyManager(presented.keys().getPrivate(), presented.certificate());
        }
        try {
            return NettyChannelBuilder.forAddress("localhost", port)
                    .sslContext(client.build())
                    .overrideAuthority(serverName)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A server context for {@code serverName} that requires client certificates of this CA (for doubles). */
    public SslContext serverContext(String serverName) {
        TestPki.Issued server = certificate(serverName);
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(server.keys().getPrivate(), server.certificate());
            return GrpcSslContexts.configure(builder)
                    .trustManager(ca.certificate())
                    .clientAuth(ClientAuth.REQUIRE)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
