package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * How a login asks router-service whether its tenant may log in
 * ({@code tollgate.auth.tenant-status}); router-service's address is
 * {@code grpc.channels.router.address}.
 *
 * @param timeout the deadline of one ResolveTenant call; past it the login is refused as
 *                temporarily unavailable
 */
@ConfigurationProperties("tollgate.auth.tenant-status")
public record TenantStatusConfig(@Bindable(defaultValue = "2s") @NotNull Duration timeout) {
}
