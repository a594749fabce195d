package io.tollgate.router.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Positive;

/**
 * The {@code tollgate.router.*} settings.
 *
 * @param bootstrapFile a JSON file of tenants to create at start-up when missing; none when unset
 * @param listPageSizeDefault the ListTenants page size when the caller asks for none
 * @param listPageSizeMax the largest ListTenants page served, whatever the caller asks for
 */
@ConfigurationProperties("tollgate.router")
public record RouterConfig(
        @Nullable String bootstrapFile,
        @Bindable(defaultValue = "100") @Positive int listPageSizeDefault,
        @Bindable(defaultValue = "1000") @Positive int listPageSizeMax) {
}
