package io.tollgate.common.lifecycle;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * How a replica stops ({@code tollgate.shutdown.*}).
 *
 * @param drainPeriod how long, after SIGTERM, requests and result streams already begun may take to
 *                    finish; what is still running then is cut. Kubernetes' grace period must
 *                    exceed the preStop pause plus this (deploy/, docs/operations.md)
 */
@ConfigurationProperties(ShutdownConfig.PREFIX)
public record ShutdownConfig(@Bindable(defaultValue = "30s") Duration drainPeriod) {
    public static final String PREFIX = "tollgate.shutdown";
    public static final String DRAIN_PERIOD = PREFIX + ".drain-period";
}
