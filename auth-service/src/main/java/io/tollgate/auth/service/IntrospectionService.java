package io.tollgate.auth.service;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.tollgate.auth.config.AuthConfig;
import io.tollgate.auth.service.keys.SigningKeys;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.common.auth.InvalidTokenException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Whether an access token is active (RFC 7662 semantics): well-formed, signed by one of this
 * service's published keys, issued by it for its audience, within its lifetime, and not revoked.
 * Verification is common's {@link TokenVerifier}, the one every other service uses, against the
 * keys in memory instead of over HTTP.
 */
@Singleton
public class IntrospectionService {
    // Replicas' clocks agree to well within this; anything larger would keep an expired token
    // active for longer than an operator expects.
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final int MAX_TOKEN_LENGTH = 8192;
    private static final int CACHE_SIZE = 10_000;

    private final TokenVerifier verifier;
    private final RevocationService revocations;

    public IntrospectionService(AuthConfig config, SigningKeys keys, RevocationService revocations, Clock clock) {
        this.revocations = revocations;
        TokenVerifierConfig verifierConfig = new TokenVerifierConfig(config.issuer(), config.audience(), null,
                keys.publishedAlgorithms().stream().map(JWSAlgorithm::getName).toList(), CLOCK_SKEW,
                MAX_TOKEN_LENGTH, CACHE_SIZE, Duration.ofMinutes(5));
        this.verifier = new TokenVerifier(verifierConfig, new ImmutableJWKSet<>(keys.publicKeys()), clock);
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
