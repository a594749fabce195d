package io.tollgate.flight.config;

import io.micronaut.context.annotation.Factory;
import io.tollgate.common.signing.Signer;
import jakarta.inject.Singleton;

/**
 * The service's one {@link Signer}, keyed by {@code tollgate.flight.handle-key}: statement
 * handles, tickets and transaction ids all sign with it (their leading kind bytes keep one from
 * passing for another).
 */
@Factory
class HandleSignerFactory {
    static final String KEY_PROPERTY = "tollgate.flight.handle-key";

    @Singleton
    Signer handleSigner(FlightConfig config) {
        return Signer.fromConfiguredKey(config.handleKey(), KEY_PROPERTY);
    }
}
