package io.tollgate.auth.service;

import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Whether an access token is active (RFC 7662 semantics): well-formed, signed by one of this
 * service's published keys, issued by it for its audience, within its lifetime, and not revoked.
 * Verification is common's {@link TokenVerifier}, the one every other service uses, against the
 * keys in memory (see {@code LocalTokenVerification}); revocations are also read from the log
 * itself, so a revocation made a moment ago on another replica counts at once.
 */
@Singleton
public class IntrospectionService {
    private final TokenVerifier verifier;
    private final RevocationService revocations;

    public IntrospectionService(TokenVerifier verifier, RevocationService revocations) {
        this.verifier = verifier;
        this.revocations = revocations;
    }

    /** The principal of an active token; empty for anything invalid, expired or revoked. */
    public Optional<Principal> introspect(String token) {
        Principal principal;
        try {
            principal = verifier.verify(token);
        } catch (InvalidTokenException e) {
            return Optional.empty();
        }
        return revocations.isRevoked(principal) ? Optional.empty() : Optional.of(principal);
    }
}
