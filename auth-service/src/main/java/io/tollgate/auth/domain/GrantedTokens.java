package io.tollgate.auth.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;
import java.util.Optional;

/**
 * What a successful token request returns: an access token and, for a password login or a
 * refresh, the refresh token that continues it.
 *
 * @param access       the access token
 * @param refreshToken the opaque refresh token, if one was issued
 */
public record GrantedTokens(IssuedToken access, @Nullable String refreshToken) {

    public GrantedTokens {
        Objects.requireNonNull(access, "access");
    }

    public Optional<String> refresh() {
        return Optional.ofNullable(refreshToken);
    }

    /** Leaves both tokens out, so that logging this record never leaks a credential. */
    @Override
    public String toString() {
        return "GrantedTokens[access=" + access + ", refresh=" + (refreshToken == null ? "none" : "issued") + "]";
    }
}
