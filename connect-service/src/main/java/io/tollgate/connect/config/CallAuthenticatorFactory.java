package io.tollgate.connect.config;

import io.micronaut.context.annotation.Factory;
import io.tollgate.common.auth.CallAuthenticator;
import io.tollgate.common.auth.ProtocolScope;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * common's wire-free call authenticator as connect-service uses it: bearer tokens only (Spark
 * Connect has no login), which must carry the {@code spark} scope.
 */
@Factory
class CallAuthenticatorFactory {

    @Singleton
    CallAuthenticator callAuthenticator(TokenVerifier verifier, AuthServiceGrpc.AuthServiceBlockingStub authService) {
        return new CallAuthenticator(verifier, authService, Duration.ofSeconds(10), ProtocolScope.SPARK);
    }
}
