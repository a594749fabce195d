package io.tollgate.common.auth;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

/** Makes the {@link TokenVerifier} of a service that accepts Tollgate tokens. */
@Factory
public class TokenVerifierFactory {

    @Singleton
    @Requires(property = "tollgate.tokens.jwks-uri")
    TokenVerifier tokenVerifier(TokenVerifierConfig config) {
        return TokenVerifier.fromJwksUri(config);
    }
}
