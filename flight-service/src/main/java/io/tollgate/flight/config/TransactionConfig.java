package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Flight SQL transactions ({@code tollgate.flight.transactions.*}). An open transaction holds one
 * of its tenant's backend connections on the replica that began it, so they are bounded and
 * rolled back when left idle.
 *
 * @param idleTimeout     a transaction unused this long is rolled back and forgotten
 * @param maxOpen         open transactions on this replica, all tenants together
 * @param maxOpenPerTenant open transactions of one tenant on this replica; never more than the size
 *                        of the pool they come from (their access class's login's) less one, so
 *                        that calls outside transactions still get a connection
 * @param busyWait        how long a call waits for a transaction another call is using
 */
@ConfigurationProperties("tollgate.flight.transactions")
public record TransactionConfig(
        @Bindable(defaultValue = "2m") Duration idleTimeout,
        @Bindable(defaultValue = "64") int maxOpen,
        @Bindable(defaultValue = "4") int maxOpenPerTenant,
        @Bindable(defaultValue = "10s") Duration busyWait) {
}
