package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The quotas of tenants whose route leaves one at 0 ({@code tollgate.flight.default-quotas.*}).
 * A default of 0 means "no limit" (for the statement timeout: the backend's own setting). The
 * limits are per replica: a tenant served by three replicas may run three times as many queries.
 *
 * @param maxConcurrentQueries statements one tenant may run at once on this replica; below the
 *                             default pool of 10 connections, so that catalog calls and transactions
 *                             still find a connection while a tenant runs its maximum
 * @param statementTimeout     PostgreSQL's {@code statement_timeout} for each transaction, also enforced by
 *                             the gateway; 0 keeps the backend's (or the tenant role's) own setting
 * @param maxResultRows        rows one result may stream; larger results end with RESOURCE_EXHAUSTED
 * @param maxResultBytes       Arrow bytes one result may stream (the batches' buffer sizes)
 */
@ConfigurationProperties("tollgate.flight.default-quotas")
public record QuotaConfig(
        @Bindable(defaultValue = "8") int maxConcurrentQueries,
        @Bindable(defaultValue = "10m") Duration statementTimeout,
        @Bindable(defaultValue = "100000000") long maxResultRows,
        @Bindable(defaultValue = "10737418240") long maxResultBytes) {
}
