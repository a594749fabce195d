package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.router.domain.Credentials;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.PasswordRef;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.BackendResolutionException.Reason;
import io.tollgate.router.service.kubernetes.KubernetesSecrets;
import jakarta.inject.Singleton;

/**
 * Turns stored password references into passwords at the moment a route is served, so that the
 * registry table never holds a Kubernetes-managed secret:
 * <ul>
 *   <li>{@code literal:<password>}: development only, the password itself;</li>
 *   <li>{@code secret:<namespace>/<name>#<key>}: a key of a Kubernetes Secret, only when the
 *       Kubernetes integration is on; anything else fails, so a route is never served half-made.</li>
 * </ul>
 */
@Singleton
public class CredentialsResolver {
    @Nullable
    private final KubernetesSecrets secrets;

    public CredentialsResolver(@Nullable KubernetesSecrets secrets) {
        this.secrets = secrets;
    }

    /** The reference under which a password given in clear is stored. */
    public static String literalRef(String password) {
        return PasswordRef.LITERAL + password;
    }

    /** @throws BackendResolutionException when the password cannot be had */
    public Credentials resolve(CredentialsRef ref) {
        return new Credentials(ref.username(), secret(ref.passwordRef(), "password reference for user " + ref.username()));
    }

    /**
     * The value a reference names (a password, a storage secret key).
     *
     * @param what how a failure names the reference, never its text (a malformed one may be the secret)
     * @throws BackendResolutionException when the value cannot be had
     */
    public String secret(String ref, String what) {
        PasswordRef parsed;
        try {
            parsed = PasswordRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new BackendResolutionException(Part.CREDENTIALS, Reason.UNSUPPORTED, "unsupported " + what);
        }
        if (parsed instanceof PasswordRef.KubernetesSecret secret) {
            return kubernetesSecret(secret);
        }
        return ((PasswordRef.Literal) parsed).password();
    }

    private String kubernetesSecret(PasswordRef.KubernetesSecret ref) {
        if (secrets == null) {
            throw new BackendResolutionException(Part.CREDENTIALS, Reason.UNSUPPORTED,
                    "secret: references need the Kubernetes integration (tollgate.router.kubernetes.enabled)");
        }
        return secrets.password(ref);
    }
}
