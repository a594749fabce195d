package io.tollgate.catalog.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The catalog's audit trail ({@code tollgate.catalog.audit.*}).
 *
 * @param retention how long an event is kept in the catalog's schema; older ones are swept
 */
@ConfigurationProperties("tollgate.catalog.audit")
public record AuditConfig(@Bindable(defaultValue = "90d") Duration retention) {
}
