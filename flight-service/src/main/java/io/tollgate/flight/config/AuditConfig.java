package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The statement audit trail ({@code tollgate.flight.audit.*}).
 *
 * @param sqlText whether each event carries the statement's text as well as its digest (off: the
 *                text may hold personal data or secrets typed as literals)
 */
@ConfigurationProperties("tollgate.flight.audit")
public record AuditConfig(@Bindable(defaultValue = "false") boolean sqlText) {
}
