package io.tollgate.flight.config;

import io.micronaut.context.annotation.Factory;
import io.tollgate.common.auth.CallAuthenticator;
import io.tollgate.common.auth.ProtocolScope;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import jakarta.inject.Singleton;

/** common's wire-free call authenticator as flight-service uses it: tokens must carry the {@code sql} scope. */
@Factory
class CallAuthenticatorFactory {

    @Singleton
    CallAuthenticator callAuthenticator(TokenVerifier verifier, AuthServiceGrpc.AuthServiceBlockingStub authService,
                                        FlightConfig config) {
        return new CallAuthenticator(verifier, authService, config.loginTimeout(), ProtocolScope.SQL);
    }
}
