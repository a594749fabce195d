package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What auth-service issues, and where its first accounts come from. The other concerns have
 * their own records: {@link Argon2Config}, {@link SigningConfig}, {@link LockoutConfig},
 * {@link RateLimitConfig}, {@link RevocationConfig}.
 *
 * @param issuer          the {@code iss} of every token; verifiers accept only this one
 * @param audience        the {@code aud} of every token
 * @param accessTokenTtl  how long an access token lives; also how long a subject or tenant
 *                        revocation stays relevant
 * @param refreshTokenTtl how long a refresh-token family lives from the password login that
 *                        started it (rotation does not extend it)
 * @param defaultScopes   the scopes an account's token may carry (all of them unless fewer are
 *                        requested); published as {@code scopes_supported}
 * @param publicUrl       the base URL clients reach this service at; the endpoint URLs in the
 *                        discovery document are built from it
 * @param bootstrapFile   a JSON file of accounts and service clients to create at start-up, if any
 */
@ConfigurationProperties("tollgate.auth")
public record AuthConfig(
        @Bindable(defaultValue = "tollgate") @NotBlank String issuer,
        @Bindable(defaultValue = "tollgate") @NotBlank String audience,
        @Bindable(defaultValue = "15m") @NotNull Duration accessTokenTtl,
        @Bindable(defaultValue = "8h") @NotNull Duration refreshTokenTtl,
        @Bindable(defaultValue = "sql,catalog,spark") @NotEmpty List<String> defaultScopes,
        @Bindable(defaultValue = "http://localhost:8081") @NotNull URI publicUrl,
        @Nullable String bootstrapFile) {
}
