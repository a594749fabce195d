package io.tollgate.flight.server;

import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.flight.config.FlightTlsConfig;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The TLS settings of the Flight endpoint once checked for consistency. Anything half-configured is
 * a start-up error naming the keys involved: an operator who set any TLS key expects TLS, so the
 * endpoint never silently serves plaintext instead.
 *
 * @param certChain  the server certificate chain (PEM)
 * @param privateKey its private key (PEM, PKCS#8)
 * @param clientCa   the CAs client certificates are verified against (PEM), or null
 * @param clientAuth whether a client certificate is asked for
 */
public record TlsSettings(Path certChain, Path privateKey, Path clientCa, ClientAuthMode clientAuth) {
    static final String PREFIX = "tollgate.flight.tls.";
    static final String CERT_CHAIN = PREFIX + "cert-chain";
    static final String PRIVATE_KEY = PREFIX + "private-key";
    static final String CLIENT_CA = PREFIX + "client-ca";
    static final String CLIENT_AUTH = PREFIX + "client-auth";

    /**
     * The settings the configuration asks for; empty when it asks for no TLS at all.
     *
     * @throws ConfigurationException when the configuration is incomplete or contradictory
     */
    public static Optional<TlsSettings> from(FlightTlsConfig config) {
        String certChain = valueOf(config.certChain());
        String privateKey = valueOf(config.privateKey());
        String clientCa = valueOf(config.clientCa());
        String clientAuth = valueOf(config.clientAuth());

        if (certChain == null && privateKey == null) {
            if (clientCa != null || clientAuth != null) {
                throw new ConfigurationException((clientCa != null ? CLIENT_CA : CLIENT_AUTH)
                        + " is set but TLS is off: client certificates need TLS, so set " + CERT_CHAIN
                        + " and " + PRIVATE_KEY + " too (or unset it to serve plaintext)");
            }
            return Optional.empty();
        }
        if (certChain == null || privateKey == null) {
            String set = certChain != null ? CERT_CHAIN : PRIVATE_KEY;
            String missing = certChain != null ? PRIVATE_KEY : CERT_CHAIN;
            throw new ConfigurationException(set + " is set but " + missing + " is not: TLS needs both the"
                    + " certificate chain and its private key (set neither to serve plaintext)");
        }

        ClientAuthMode mode = clientAuth == null
                ? (clientCa != null ? ClientAuthMode.REQUIRE : ClientAuthMode.NONE)
                : ClientAuthMode.parse(clientAuth).orElseThrow(() -> new ConfigurationException(
                        CLIENT_AUTH + " must be NONE, OPTIONAL or REQUIRE, not '" + clientAuth + "'"));
        if (mode != ClientAuthMode.NONE && clientCa == null) {
            // Without CAs of our own Netty would trust the JDK's public roots: any certificate bought
            // anywhere would pass. Refuse instead.
            throw new ConfigurationException(CLIENT_AUTH + "=" + mode + " needs " + CLIENT_CA
                    + ", the CAs client certificates are verified against");
        }
        return Optional.of(new TlsSettings(Path.of(certChain), Path.of(privateKey),
                clientCa == null ? null : Path.of(clientCa), mode));
    }

    /** Client certificates are asked for (and verified when presented). */
    public boolean verifiesClients() {
        return clientAuth != ClientAuthMode.NONE;
    }

    private static String valueOf(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
