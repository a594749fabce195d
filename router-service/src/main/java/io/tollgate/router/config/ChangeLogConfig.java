package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code tollgate.router.changes.*} settings of the change log.
 *
 * @param retention     how long changes are kept (for history and for watchers that resume); a
 *                      watcher whose revision is older gets a snapshot. The newest change is always kept.
 * @param purgeInterval how often old changes are removed ({@code @Scheduled} reads the same key)
 */
@ConfigurationProperties("tollgate.router.changes")
public record ChangeLogConfig(
        @Bindable(defaultValue = "7d") Duration retention,
        @Bindable(defaultValue = "1h") Duration purgeInterval) {
}
