package io.tollgate.auth.service.admin;

import io.micronaut.core.annotation.Nullable;

import java.util.Optional;

/**
 * Something the admin API made, with the password or secret it generated for it, if it did: the
 * only moment that secret is ever shown. Only its hash is kept.
 *
 * @param value     what was made or changed
 * @param generated the generated password or secret, or null when the operator chose it
 */
public record CreatedSecret<T>(T value, @Nullable String generated) {

    public Optional<String> generatedSecret() {
        return Optional.ofNullable(generated);
    }

    /** Leaves the secret out. */
    @Override
    public String toString() {
        return "CreatedSecret[value=" + value + ", generated=" + (generated == null ? "no" : "yes") + "]";
    }
}
