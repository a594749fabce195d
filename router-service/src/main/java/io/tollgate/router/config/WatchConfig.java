package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

import java.time.Duration;

/**
 * The {@code tollgate.router.watch.*} settings of WatchTenants.
 *
 * @param pollInterval     how often the shared poller asks the database for changes after the last
 *                         one it saw; changes made through this replica wake it at once
 * @param batchSize        changes read per query
 * @param subscriberBuffer changes held for one watcher that reads slower than they come; a watcher
 *                         that falls further behind is disconnected and resumes from its revision
 */
@ConfigurationProperties("tollgate.router.watch")
public record WatchConfig(
        @Bindable(defaultValue = "100ms") Duration pollInterval,
        @Bindable(defaultValue = "500") @Positive int batchSize,
        @Bindable(defaultValue = "1000") @Positive int subscriberBuffer) {
}
