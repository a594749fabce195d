package io.tollgate.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;

import java.util.List;

/**
 * The keys tokens are signed with ({@code tollgate.auth.signing}). With no key configured, one is
 * generated at start-up (development only: tokens do not survive a restart and replicas do not
 * share it).
 *
 * @param algorithm the algorithm new tokens are signed with: RS256, ES256 or EdDSA; the active key
 *                  must be of that kind
 * @param keysDir   a directory whose every non-hidden file is one key (PEM or JWK), as a
 *                  Kubernetes Secret volume mounts it
 * @param keyFiles  more key files, listed one by one
 * @param activeKid the key that signs; may be left out when exactly one key is configured
 */
@ConfigurationProperties("tollgate.auth.signing")
public record SigningConfig(
        @Bindable(defaultValue = "RS256") @NotBlank String algorithm,
        @Nullable String keysDir,
        @Nullable List<String> keyFiles,
        @Nullable String activeKid) {

    public List<String> keyFilesOrEmpty() {
        return keyFiles == null ? List.of() : keyFiles;
    }
}
