package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Argon2id cost parameters. The defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane): about
 * 85 ms per hash here, paid by every login attempt.
 *
 * @param memoryKib   memory per hash, in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
@ConfigurationProperties("tollgate.auth.argon2")
public record Argon2Config(
        @Bindable(defaultValue = "19456") @Min(8) @Max(4_194_304) int memoryKib,
        @Bindable(defaultValue = "2") @Min(1) @Max(100) int iterations,
        @Bindable(defaultValue = "1") @Min(1) @Max(64) int parallelism) {
}
