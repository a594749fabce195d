package io.tollgate.common.tls;

import io.micronaut.context.exceptions.ConfigurationException;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The TLS settings of a public endpoint (Flight SQL, Spark Connect) once checked for consistency,
 * from its {@code <prefix>.cert-chain}, {@code private-key}, {@code client-ca} and
 * {@code client-auth} settings. Anything half-configured is
 * a start-up error naming the keys involved: an operator who set any TLS key expects TLS, so the
 * endpoint never silently serves plaintext instead.
 *
 * @param certChain  the server certificate chain (PEM)
 * @param privateKey its private key (PEM, PKCS#8)
 * @param clientCa   the CAs client certificates are verified against (PEM), or null
 * @param clientAuth whether a client certificate is asked for
 * @param prefix     the settings' prefix, e.g. {@code tollgate.flight.tls}, for messages
 */
public record ServerTlsSettings(Path certChain, Path privateKey, Path clientCa, ClientAuthMode clientAuth,
                                String prefix) {

    /**
     * The settings the configuration asks for; empty when it asks for no TLS at all.
     *
     * @throws ConfigurationException when the configuration is incomplete or contradictory
     */
    public static Optional<ServerTlsSettings> from(String prefix, String certChainValue, String privateKeyValue,
                                                   String clientCaValue, String clientAuthValue) {
        String certChain = valueOf(certChainValue);
        String privateKey = valueOf(privateKeyValue);
        String clientCa = valueOf(clientCaValue);
        String clientAuth = valueOf(clientAuthValue);
        String certChainSetting = prefix + ".cert-chain";
        String privateKeySetting = prefix + ".private-key";
        String clientCaSetting = prefix + ".client-ca";
        String clientAuthSetting = prefix + ".client-auth";

        if (certChain == null && privateKey == null) {
            if (clientCa != null || clientAuth != null) {
                throw new ConfigurationException((clientCa != null ? clientCaSetting : clientAuthSetting)
                        + " is set but TLS is off: client certificates need TLS, so set " + certChainSetting
                        + " and " + privateKeySetting + " too (or unset it to serve plaintext)");
            }
            return Optional.empty();
        }
        if (certChain == null || privateKey == null) {
            String set = certChain != null ? certChainSetting : privateKeySetting;
            String missing = certChain != null ? privateKeySetting : certChainSetting;
            throw new ConfigurationException(set + " is set but " + missing + " is not: TLS needs both the"
                    + " certificate chain and its private key (set neither to serve plaintext)");
        }

        ClientAuthMode mode = clientAuth == null
                ? (clientCa != null ? ClientAuthMode.REQUIRE : ClientAuthMode.NONE)
                : ClientAuthMode.parse(clientAuth).orElseThrow(() -> new ConfigurationException(
                        clientAuthSetting + " must be NONE, OPTIONAL or REQUIRE, not '" + clientAuth + "'"));
        if (mode != ClientAuthMode.NONE && clientCa == null) {
            // Without CAs of our own Netty would trust the JDK's public roots: any certificate bought
            // anywhere would pass. Refuse instead.
            throw new ConfigurationException(clientAuthSetting + "=" + mode + " needs " + clientCaSetting
                    + ", the CAs client certificates are verified against");
        }
        return Optional.of(new ServerTlsSettings(Path.of(certChain), Path.of(privateKey),
                clientCa == null ? null : Path.of(clientCa), mode, prefix));
    }

    String certChainKey() {
        return prefix + ".cert-chain";
    }

    String privateKeyKey() {
        return prefix + ".private-key";
    }

    String clientCaKey() {
        return prefix + ".client-ca";
    }

    /** Client certificates are asked for (and verified when presented). */
    public boolean verifiesClients() {
        return clientAuth != ClientAuthMode.NONE;
    }

    private static String valueOf(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
