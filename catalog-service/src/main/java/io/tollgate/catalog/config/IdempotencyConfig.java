package io.tollgate.catalog.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Idempotency keys on the catalog's mutations ({@code tollgate.catalog.idempotency.*}).
 *
 * @param lifetime         how long the first answer to a key is kept and replayed; advertised to
 *                         clients as {@code idempotency-key-lifetime}
 * @param inFlightTimeout  a first request that has not answered after this long (its replica died)
 *                         no longer holds its key: a retry runs the operation again
 * @param maxResponseBytes the largest answer kept; a larger one is not replayed (its key is released)
 * @param maxKeysPerTenant keys of one tenant kept at once; beyond them a mutation runs without its key
 *                         being kept (so the table stays bounded whatever a tenant sends)
 */
@ConfigurationProperties("tollgate.catalog.idempotency")
public record IdempotencyConfig(
        @Bindable(defaultValue = "30m") Duration lifetime,
        @Bindable(defaultValue = "2m") Duration inFlightTimeout,
        @Bindable(defaultValue = "1048576") int maxResponseBytes,
        @Bindable(defaultValue = "10000") int maxKeysPerTenant) {
}
