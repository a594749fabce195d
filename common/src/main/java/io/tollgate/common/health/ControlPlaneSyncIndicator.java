package io.tollgate.common.health;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * {@link ControlPlaneSync} as a readiness check ({@code /health/readiness}, and so {@code /health}).
 * Liveness is untouched: restarting a replica that waits for router-service or auth-service would
 * not bring them back.
 */
@Singleton
@Readiness
@Requires(classes = HealthIndicator.class)
public class ControlPlaneSyncIndicator implements HealthIndicator {
    private final ControlPlaneSync sync;

    public ControlPlaneSyncIndicator(ControlPlaneSync sync) {
        this.sync = sync;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("control-plane", sync.ready() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(sync.state()).build());
    }
}
