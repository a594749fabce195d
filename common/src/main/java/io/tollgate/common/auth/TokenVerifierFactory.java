package io.tollgate.common.auth;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * Makes the token verification of a service that accepts Tollgate tokens: the verifier, the
 * revocation set it consults and, where the service has an auth-service stub, the watcher that
 * keeps that set current from the moment the service starts.
 */
@Factory
public class TokenVerifierFactory {

    @Singleton
    RevocationSet revocationSet() {
        return new RevocationSet();
    }

    @Singleton
    @Requires(property = "tollgate.tokens.jwks-uri")
    TokenVerifier tokenVerifier(TokenVerifierConfig config, RevocationSet revocations) {
        return TokenVerifier.fromJwksUri(config, revocations);
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(beans = AuthServiceGrpc.AuthServiceStub.class)
    RevocationWatcher revocationWatcher(AuthServiceGrpc.AuthServiceStub authService, RevocationSet revocations) {
        RevocationWatcher watcher = new RevocationWatcher(authService, revocations, Clock.systemUTC());
        watcher.start();
        return watcher;
    }
}
