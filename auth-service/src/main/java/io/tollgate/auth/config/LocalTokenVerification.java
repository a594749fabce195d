package io.tollgate.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.tollgate.auth.service.keys.SigningKeys;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.common.auth.TokenVerifierFactory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * auth-service's own {@link TokenVerifier}: common's verifier (the one every service uses) over
 * the signing keys in memory instead of the JWKS over HTTP, refusing what the {@link RevocationSet}
 * holds, which {@code LocalRevocationMirror} keeps current from this service's revocation log.
 * It replaces the factory's JWKS-fetching bean, should {@code tollgate.tokens.jwks-uri} be set.
 * Used by introspection, ext_authz and (through common's TollgateTokenValidator) the admin API.
 */
@Factory
public class LocalTokenVerification {
    // Replicas' clocks agree to well within this; anything larger would keep an expired token
    // active for longer than an operator expects.
    static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    static final int MAX_TOKEN_LENGTH = 8192;
    static final int CACHE_SIZE = 100_000;

    @Singleton
    @Replaces(value = TokenVerifier.class, factory = TokenVerifierFactory.class)
    TokenVerifier tokenVerifier(AuthConfig config, SigningKeys keys, RevocationSet revocations, Clock clock) {
        TokenVerifierConfig verifierConfig = new TokenVerifierConfig(config.issuer(), config.audience(), null,
                keys.publishedAlgorithms().stream().map(JWSAlgorithm::getName).toList(), CLOCK_SKEW,
                MAX_TOKEN_LENGTH, CACHE_SIZE, Duration.ofMinutes(5));
        return new TokenVerifier(verifierConfig, new ImmutableJWKSet<>(keys.publicKeys()), revocations, clock);
    }
}
