package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The {@code tollgate.router.check.*} settings of the backend connectivity check.
 *
 * @param timeout how long connecting and each query of the check may take
 */
@ConfigurationProperties("tollgate.router.check")
public record CheckConfig(@Bindable(defaultValue = "5s") Duration timeout) {
}
