package io.tollgate.common.tls;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service a verified peer certificate names: its subject's one CN (e.g. {@code flight-service}).
 * A subject with no CN or several names no service. Only ever read from a session whose chain the
 * TLS layer has already verified against the trust bundle.
 */
public final class CertificateIdentity {
    private CertificateIdentity() {
    }

    /** The peer's service name, or empty when the session has no (verified) client certificate. */
    public static Optional<String> of(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return of(leaf);
    }

    /** The certificate's service name: its subject's single CN, or empty. */
    public static Optional<String> of(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String name) {
                    names.add(name);
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return names.size() == 1 && !names.get(0).isBlank() ? Optional.of(names.get(0)) : Optional.empty();
    }
}
