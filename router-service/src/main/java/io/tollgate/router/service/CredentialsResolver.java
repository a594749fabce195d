package io.tollgate.router.service;

import io.tollgate.router.domain.Credentials;
import io.tollgate.router.domain.CredentialsRef;
import jakarta.inject.Singleton;

/**
 * Turns stored password references into passwords, at the moment a route is served, so that
 * secrets are held only as long as a response takes.
 * <p>
 * Only {@code literal:<password>} exists so far (development); Kubernetes Secret references
 * will be another scheme resolved here, without a change to the table or the domain.
 */
@Singleton
public class CredentialsResolver {
    private static final String LITERAL = "literal:";

    /** The reference under which a password given in clear is stored. */
    public static String literalRef(String password) {
        return LITERAL + password;
    }

    public Credentials resolve(CredentialsRef ref) {
        String passwordRef = ref.passwordRef();
        if (passwordRef.startsWith(LITERAL)) {
            return new Credentials(ref.username(), passwordRef.substring(LITERAL.length()));
        }
        // Never the reference itself: a malformed one may be a password.
        throw new IllegalStateException("unsupported password reference scheme for user " + ref.username());
    }
}
