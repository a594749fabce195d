package io.tollgate.common.tls;

import io.grpc.netty.GrpcSslContexts;
import io.micronaut.context.exceptions.ConfigurationException;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * This service's side of the internal mutual TLS, read once when first needed (at start-up: the
 * gRPC server and the internal channels ask for it): the server context (client certificates
 * required, verified against the trust bundle alone) and the client context (this service's own
 * certificate presented, servers verified against the same bundle). Unless the development switch
 * is off, missing or broken files stop the service with a message naming the setting.
 * <p>
 * Certificates are read once: rotating them means rolling the pods (docs/operations.md).
 */
@Singleton
public final class InternalTls {
    private static final Logger LOG = LoggerFactory.getLogger(InternalTls.class);
    /** Older protocol versions have known weaknesses; our own services all speak these. */
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext server;
    private final SslContext client;
    private final String identity;

    public InternalTls(InternalTlsConfig config) {
        if (!config.enabled()) {
            LOG.warn("**************************************************************************************");
            LOG.warn("INTERNAL TLS IS OFF ({}=false): internal gRPC calls are plaintext and every caller on this"
                    + " host is trusted as any service, including with tenants' backend credentials; callers on other"
                    + " hosts are refused. Development only.", InternalTlsConfig.ENABLED);
            LOG.warn("**************************************************************************************");
            this.server = null;
            this.client = null;
            this.identity = null;
            return;
        }
        Path certificateFile = required(InternalTlsConfig.CERTIFICATE, config.certificate());
        Path keyFile = required(InternalTlsConfig.PRIVATE_KEY, config.privateKey());
        Path bundleFile = required(InternalTlsConfig.TRUST_BUNDLE, config.trustBundle());
        List<X509Certificate> chain = PemFiles.certificates(InternalTlsConfig.CERTIFICATE, certificateFile);
        X509Certificate leaf = chain.get(0);
        PrivateKey key = PemFiles.privateKey(InternalTlsConfig.PRIVATE_KEY, keyFile,
                leaf.getPublicKey().getAlgorithm());
        PemFiles.requireKeyOfCertificate(InternalTlsConfig.PRIVATE_KEY, keyFile, key,
                InternalTlsConfig.CERTIFICATE, certificateFile, leaf);
        this.identity = CertificateIdentity.of(leaf).orElseThrow(() -> new ConfigurationException(
                InternalTlsConfig.CERTIFICATE + ": " + certificateFile + " must name its service in exactly one"
                        + " subject CN (e.g. CN=flight-service), found " + leaf.getSubjectX500Principal().getName()));
        List<X509Certificate> cas = PemFiles.certificates(InternalTlsConfig.TRUST_BUNDLE, bundleFile);
        try {
            this.server = GrpcSslContexts.configure(SslContextBuilder.forServer(key, chain))
                    .protocols(PROTOCOLS).trustManager(cas).clientAuth(ClientAuth.REQUIRE).build();
            this.client = GrpcSslContexts.forClient().protocols(PROTOCOLS).keyManager(key, chain)
                    .trustManager(cas).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigurationException(InternalTlsConfig.PREFIX + ": the TLS contexts cannot be built from "
                    + certificateFile + ", " + keyFile + " and " + bundleFile + " (" + e.getMessage() + ")");
        }
        LOG.info("Internal mutual TLS: this service is '{}' (certificate valid until {}), peers verified against"
                + " {} CA certificate(s) from {}", identity, leaf.getNotAfter().toInstant(), cas.size(), bundleFile);
    }

    /** False only under the development switch. */
    public boolean enabled() {
        return server != null;
    }

    /** The server context; client certificates required. Only when {@link #enabled()}. */
    public SslContext serverContext() {
        return requireEnabled(server);
    }

    /** The client context presenting this service's certificate. Only when {@link #enabled()}. */
    public SslContext clientContext() {
        return requireEnabled(client);
    }

    /** The service name this service's own certificate carries; empty under the development switch. */
    public Optional<String> identity() {
        return Optional.ofNullable(identity);
    }

    private static SslContext requireEnabled(SslContext context) {
        if (context == null) {
            throw new IllegalStateException(InternalTlsConfig.ENABLED + " is false");
        }
        return context;
    }

    private static Path required(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationException(setting + " is not set: internal gRPC calls need mutual TLS (set "
                    + InternalTlsConfig.CERTIFICATE + ", " + InternalTlsConfig.PRIVATE_KEY + " and "
                    + InternalTlsConfig.TRUST_BUNDLE + "; or, for development only, " + InternalTlsConfig.ENABLED
                    + "=false)");
        }
        return Path.of(value);
    }
}
