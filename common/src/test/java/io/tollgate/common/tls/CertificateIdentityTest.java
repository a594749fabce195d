package io.tollgate.common.tls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.security.auth.x500.X500Principal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The service a certificate's subject names: exactly one CN, read from every RDN, or none. The
 * subjects are those a careless or hostile issuing request could carry.
 */
class CertificateIdentityTest {

    @Test
    void aSubjectWithOneCommonNameNamesThatService() {
        assertEquals(Optional.of("router-service"),
                CertificateIdentity.of(new X500Principal("CN=router-service, OU=tollgate, O=example")));
    }

    @Test
    void aLowerCaseAttributeTypeIsStillTheCommonName() {
        assertEquals(Optional.of("router-service"), CertificateIdentity.of(new X500Principal("cn=router-service")));
    }

    @Test
    void aCommonNameWithAnEscapedCommaIsOneWholeNameNotTwo() {
        assertEquals(Optional.of("flight-service,CN=router-service"),
                CertificateIdentity.of(new X500Principal("CN=flight-service\\,CN=router-service")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CN=flight-service+CN=router-service", // one multi-valued RDN: two names
            "CN=router-service+CN=flight-service",
            "OU=tollgate+CN=flight-service+CN=router-service",
            "CN=flight-service, CN=router-service", // two RDNs: two names
            "OU=router-service, O=example", // no CN at all
            "CN= ",
    })
    void aSubjectWithoutExactlyOneReadableCommonNameNamesNoService(String subject) {
        assertEquals(Optional.empty(), CertificateIdentity.of(new X500Principal(subject)));
    }

    @Test
    void aCommonNameThatIsNotAStringCountsAsANameThatNamesNothing() {
        // 2.5.4.3 with a DER OCTET STRING value: RFC 2253 renders it as #hex, which is no service name,
        // and it must not leave the other CN as the only one.
        assertEquals(Optional.empty(),
                CertificateIdentity.of(new X500Principal("2.5.4.3=#0403616263, CN=router-service")));
    }
}
