package io.tollgate.common.tls;

import io.grpc.netty.GrpcSslContexts;
import io.micronaut.context.exceptions.ConfigurationException;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.security.PrivateKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A public endpoint's TLS (Flight SQL, Spark Connect): the Netty server context built from checked settings, TLS 1.2 and 1.3
 * only, asking for client certificates as configured; and a description of it for the start-up log
 * (subjects, expiry and counts, never key material).
 */
public final class ServerTls {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
    /** Older protocol versions have known weaknesses; every current client speaks one of these. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SslContext context;
    private final String description;

    private ServerTls(SslContext context, String description) {
        this.context = context;
        this.description = description;
    }

    /**
     * Reads and checks the files the settings name and builds the server context.
     *
     * @throws ConfigurationException naming the setting at fault when a file is missing, malformed,
     *                                or the key does not belong to the certificate
     */
    public static ServerTls load(ServerTlsSettings settings) {
        List<X509Certificate> chain = PemFiles.certificates(settings.certChainKey(), settings.certChain());
        X509Certificate leaf = chain.get(0);
        PrivateKey key = PemFiles.privateKey(settings.privateKeyKey(), settings.privateKey(),
                leaf.getPublicKey().getAlgorithm());
        PemFiles.requireKeyOfCertificate(settings.privateKeyKey(), settings.privateKey(), key,
                settings.certChainKey(), settings.certChain(), leaf);
        warnUnlessCurrentlyValid(leaf, settings);

        SslContextBuilder builder = GrpcSslContexts.configure(SslContextBuilder.forServer(key, chain))
                .protocols(PROTOCOLS)
                .clientAuth(settings.clientAuth().netty());
        int clientCas = 0;
        if (settings.verifiesClients()) {
            // Only these CAs: never the JDK's public roots, which would admit any bought certificate.
            List<X509Certificate> cas = PemFiles.certificates(settings.clientCaKey(), settings.clientCa());
            builder.trustManager(cas);
            clientCas = cas.size();
        }
        try {
            return new ServerTls(builder.build(), describe(leaf, settings, clientCas));
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigurationException(settings.prefix() + ": the TLS context cannot be built from "
                    + settings.certChain() + " and " + settings.privateKey() + " (" + e.getMessage() + ")");
        }
    }

    public SslContext context() {
        return context;
    }

    public String description() {
        return description;
    }

    /** Clients refuse such a certificate, but a restart must not wait for renewal: warn loudly. */
    private static void warnUnlessCurrentlyValid(X509Certificate leaf, ServerTlsSettings settings) {
        try {
            leaf.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            LOG.warn("The certificate of {} ({}, {}) is not valid now: valid from {} until {};"
                            + " clients will refuse it", settings.prefix(), settings.certChain(), leaf.getSubjectX500Principal().getName(),
                    leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        }
    }

    private static String describe(X509Certificate leaf, ServerTlsSettings settings, int clientCas) {
        String clients = switch (settings.clientAuth()) {
            case NONE -> "client certificates not asked for";
            case OPTIONAL -> "client certificates optional, verified when presented against " + clientCas
                    + " CA certificate(s) from " + settings.clientCa();
            case REQUIRE -> "client certificates required (mTLS), verified against " + clientCas
                    + " CA certificate(s) from " + settings.clientCa();
        };
        return "TLS (" + String.join(", ", PROTOCOLS) + "), certificate '" + leaf.getSubjectX500Principal().getName()
                + "' valid until " + leaf.getNotAfter().toInstant() + ", " + clients
                + "; callers are still authenticated by login or bearer token";
    }
}
