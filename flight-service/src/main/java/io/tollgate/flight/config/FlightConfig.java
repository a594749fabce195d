package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * flight-service's own settings ({@code tollgate.flight.*}).
 *
 * @param host               the address the Flight SQL endpoint listens on
 * @param port               the Flight SQL port
 * @param handleKey          base64 HMAC key that signs statement handles and tickets; every replica
 *                           needs the same one. Unset: a random key, so handles only work on this replica
 * @param handleTtl          how long a statement handle or ticket can be redeemed
 * @param maxSqlLength       longer SQL text is refused before it reaches a database
 * @param batchRows          rows per Arrow record batch
 * @param fetchRows          rows PostgreSQL sends per round trip while streaming
 * @param memoryLimitBytes   Arrow memory the whole service may use
 * @param queryMemoryBytes   Arrow memory one query may use
 * @param loginTimeout       deadline of a login forwarded to auth-service
 * @param maxParameterBytes  bound parameter values a prepared statement handle may carry (they
 *                           travel in the handle, as an Arrow IPC stream, because replicas keep no state)
 */
@ConfigurationProperties("tollgate.flight")
public record FlightConfig(
        @Bindable(defaultValue = "0.0.0.0") String host,
        @Bindable(defaultValue = "32010") int port,
        @Nullable String handleKey,
        @Bindable(defaultValue = "1h") Duration handleTtl,
        @Bindable(defaultValue = "262144") int maxSqlLength,
        @Bindable(defaultValue = "65536") int batchRows,
        @Bindable(defaultValue = "10000") int fetchRows,
        @Bindable(defaultValue = "4294967296") long memoryLimitBytes,
        @Bindable(defaultValue = "1073741824") long queryMemoryBytes,
        @Bindable(defaultValue = "10s") Duration loginTimeout,
        @Bindable(defaultValue = "1048576") int maxParameterBytes) {
}
