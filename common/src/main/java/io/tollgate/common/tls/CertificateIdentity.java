package io.tollgate.common.tls;

import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
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
        return of(certificate.getSubjectX500Principal());
    }

    /**
     * The service a subject names: its single CN, or empty. Every attribute of every RDN counts: an
     * RDN may be multi-valued ({@code CN=a+CN=b}), and {@link Rdn#getValue()} reads only its first
     * value, which would pick one of two names.
     */
    static Optional<String> of(X500Principal subject) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject.getName()).getRdns()) {
                Attribute commonNames = rdn.toAttributes().get("CN");
                for (int i = 0; commonNames != null && i < commonNames.size(); i++) {
                    // A value that is not a string (hex-encoded DER) is a name we cannot read: not a service.
                    names.add(commonNames.get(i) instanceof String name ? name : "");
                }
            }
        } catch (NamingException e) {
            return Optional.empty();
        }
        return names.size() == 1 && !names.get(0).isBlank() ? Optional.of(names.get(0)) : Optional.empty();
    }
}
