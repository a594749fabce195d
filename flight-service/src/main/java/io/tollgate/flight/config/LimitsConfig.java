package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Limits the platform holds for every tenant, whatever its SQL does ({@code tollgate.flight.limits.*}).
 * They are bound transaction-locally before each statement (a tenant can change none of them:
 * SET and set_config are refused, and the next call resets the session) and enforced by the gateway
 * where PostgreSQL's own could be lifted by SQL the gateway cannot see.
 *
 * @param lockTimeout              PostgreSQL's {@code lock_timeout}: how long a statement waits for a lock
 * @param idleInTransactionTimeout PostgreSQL's {@code idle_in_transaction_session_timeout}: a session idle
 *                                 inside a transaction this long is ended by the server (keep it above
 *                                 {@code tollgate.flight.transactions.idle-timeout}, which ends them first)
 * @param timeoutGrace             how long past a tenant's statement timeout the gateway cancels the
 *                                 statement itself; as long again, and it closes the connection
 * @param fetchBufferBytes         rows of one fetch the driver may hold for one statement: a result read
 *                                 through JDBC starts with a fetch of 16 rows, and each next fetch takes
 *                                 as many rows of the widths seen so far as fit this
 * @param tenantMemoryBytes        Arrow memory all of one tenant's results in flight may use on this replica
 * @param maxRowBytes              the most the driver may read into the heap in one fetch of a statement
 *                                 read through JDBC (whose first fetch is 4 rows): a row that would
 *                                 pass it ends the result with RESOURCE_EXHAUSTED before its values are
 *                                 allocated, so rows up to a quarter of it always stream
 */
@ConfigurationProperties("tollgate.flight.limits")
public record LimitsConfig(
        @Bindable(defaultValue = "5s") Duration lockTimeout,
        @Bindable(defaultValue = "3m") Duration idleInTransactionTimeout,
        @Bindable(defaultValue = "2s") Duration timeoutGrace,
        @Bindable(defaultValue = "33554432") long fetchBufferBytes,
        @Bindable(defaultValue = "2147483648") long tenantMemoryBytes,
        @Bindable(defaultValue = "67108864") long maxRowBytes) {

    /** The default of {@link #maxRowBytes}. */
    public static final long DEFAULT_MAX_ROW_BYTES = 64L << 20;
}
