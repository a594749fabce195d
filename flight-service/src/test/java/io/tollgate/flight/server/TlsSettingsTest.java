package io.tollgate.flight.server;

import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.common.tls.ClientAuthMode;
import io.tollgate.common.tls.ServerTlsSettings;
import io.tollgate.flight.config.FlightTlsConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which TLS configurations are accepted, and that every half-configured one stops start-up. */
class TlsSettingsTest {

    /** As the Flight endpoint reads its settings. */
    private static Optional<ServerTlsSettings> from(FlightTlsConfig config) {
        return ServerTlsSettings.from(FlightTlsConfig.PREFIX, config.certChain(), config.privateKey(), config.clientCa(),
                config.clientAuth());
    }

    private static void assertRefused(FlightTlsConfig config, String expectedMessage) {
        ConfigurationException refused = assertThrows(ConfigurationException.class, () -> from(config));
        assertTrue(refused.getMessage().contains(expectedMessage), refused.getMessage());
    }

    @Test
    void noSettingsMeanPlaintextAndBlankValuesCountAsUnset() {
        assertEquals(Optional.empty(), from(new FlightTlsConfig(null, null, null, null)));
        assertEquals(Optional.empty(), from(new FlightTlsConfig("", " ", "", "")));
    }

    @Test
    void aCertificateAndKeyAloneServeTlsWithoutAskingForClientCertificates() {
        ServerTlsSettings settings = from(new FlightTlsConfig("/tls/tls.crt", "/tls/tls.key", null, null)).orElseThrow();
        assertEquals(new ServerTlsSettings(Path.of("/tls/tls.crt"), Path.of("/tls/tls.key"), null, ClientAuthMode.NONE,
                        FlightTlsConfig.PREFIX),
                settings);
    }

    @Test
    void aClientCaRequiresClientCertificatesUnlessToldOtherwise() {
        assertEquals(ClientAuthMode.REQUIRE,
                from(new FlightTlsConfig("c", "k", "ca", null)).orElseThrow().clientAuth());
        assertEquals(ClientAuthMode.OPTIONAL,
                from(new FlightTlsConfig("c", "k", "ca", "optional")).orElseThrow().clientAuth());
        assertEquals(ClientAuthMode.NONE,
                from(new FlightTlsConfig("c", "k", "ca", "None")).orElseThrow().clientAuth());
    }

    @Test
    void aCertificateWithoutAKeyOrAKeyWithoutACertificateIsRefused() {
        assertRefused(new FlightTlsConfig("/tls/tls.crt", null, null, null),
                "tollgate.flight.tls.cert-chain is set but tollgate.flight.tls.private-key is not");
        assertRefused(new FlightTlsConfig(" ", "/tls/tls.key", null, null),
                "tollgate.flight.tls.private-key is set but tollgate.flight.tls.cert-chain is not");
    }

    @Test
    void clientCertificateSettingsWithoutTlsAreRefusedRatherThanServedInPlaintext() {
        assertRefused(new FlightTlsConfig(null, null, "/tls/ca.crt", null),
                "tollgate.flight.tls.client-ca is set but TLS is off");
        assertRefused(new FlightTlsConfig(null, null, null, "REQUIRE"),
                "tollgate.flight.tls.client-auth is set but TLS is off");
    }

    @Test
    void askingForClientCertificatesWithoutAClientCaIsRefused() {
        assertRefused(new FlightTlsConfig("c", "k", null, "REQUIRE"),
                "tollgate.flight.tls.client-auth=REQUIRE needs tollgate.flight.tls.client-ca");
        assertRefused(new FlightTlsConfig("c", "k", null, "optional"),
                "tollgate.flight.tls.client-auth=OPTIONAL needs tollgate.flight.tls.client-ca");
    }

    @Test
    void anUnknownClientAuthValueIsRefused() {
        assertRefused(new FlightTlsConfig("c", "k", "ca", "WANT"),
                "tollgate.flight.tls.client-auth must be NONE, OPTIONAL or REQUIRE, not 'WANT'");
    }
}
