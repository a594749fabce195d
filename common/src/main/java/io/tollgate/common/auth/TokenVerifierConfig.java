package io.tollgate.common.auth;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * How a service verifies access tokens: whose tokens it accepts and where their keys are.
 *
 * @param issuer           the only accepted {@code iss}
 * @param audience         the audience this service requires in {@code aud}
 * @param jwksUri          where auth-service publishes its public keys (JWKS)
 * @param algorithms       the accepted signature algorithms; anything else is refused
 * @param clockSkew        tolerance on {@code exp} and {@code nbf}
 * @param maxTokenLength   longer tokens are refused before they are parsed
 * @param cacheSize        how many verified tokens to remember until they expire
 * @param jwksCacheTtl     how long fetched keys are used before they are fetched again
 */
@ConfigurationProperties("tollgate.tokens")
public record TokenVerifierConfig(
        String issuer,
        String audience,
        URI jwksUri,
        @Bindable(defaultValue = "RS256") List<String> algorithms,
        @Bindable(defaultValue = "30s") Duration clockSkew,
        @Bindable(defaultValue = "8192") int maxTokenLength,
        @Bindable(defaultValue = "100000") int cacheSize,
        @Bindable(defaultValue = "5m") Duration jwksCacheTtl) {
}
