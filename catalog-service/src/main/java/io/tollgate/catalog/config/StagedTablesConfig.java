package io.tollgate.catalog.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Staged tables' directories kept for the remote signer ({@code tollgate.catalog.staged-tables.*}):
 * a staged create's client writes its first files before the commit that creates the table.
 *
 * @param lifetime           how long after a staged create its stager's requests for the table's
 *                           fresh directory are signed, if no commit has created the table by then
 * @param maxPerWarehouse    staged tables one warehouse keeps at once; a further staging forgets the
 *                           oldest (so the table stays bounded whatever a tenant sends)
 */
@ConfigurationProperties("tollgate.catalog.staged-tables")
public record StagedTablesConfig(
        @Bindable(defaultValue = "1h") Duration lifetime,
        @Bindable(defaultValue = "1000") int maxPerWarehouse) {
}
