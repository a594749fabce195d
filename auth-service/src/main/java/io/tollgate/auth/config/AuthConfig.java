package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.List;

/**
 * What auth-service issues, and where its first accounts come from. The cost of password
 * hashing is {@link Argon2Config}, under {@code tollgate.auth.argon2}.
 *
 * @param issuer         the {@code iss} of every token; verifiers accept only this one
 * @param audience       the {@code aud} of every token
 * @param accessTokenTtl how long an access token lives
 * @param defaultScopes  the scopes a token carries
 * @param bootstrapFile  a JSON file of accounts to create at start-up, if any
 */
@ConfigurationProperties("tollgate.auth")
public record AuthConfig(
        @Bindable(defaultValue = "tollgate") @NotBlank String issuer,
        @Bindable(defaultValue = "tollgate") @NotBlank String audience,
        @Bindable(defaultValue = "15m") @NotNull Duration accessTokenTtl,
        @Bindable(defaultValue = "sql,catalog") @NotEmpty List<String> defaultScopes,
        @Nullable String bootstrapFile) {
}
