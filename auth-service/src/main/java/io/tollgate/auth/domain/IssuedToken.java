package io.tollgate.auth.domain;

import io.tollgate.common.auth.Principal;

import java.time.Duration;
import java.util.Objects;

/**
 * A signed access token and who it speaks for.
 *
 * @param accessToken the compact JWT
 * @param expiresIn   its lifetime from issue
 * @param principal   the identity it carries
 */
public record IssuedToken(String accessToken, Duration expiresIn, Principal principal) {

    public IssuedToken {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresIn, "expiresIn");
        Objects.requireNonNull(principal, "principal");
    }

    /** Leaves the token out, so that logging this record never leaks a bearer credential. */
    @Override
    public String toString() {
        return "IssuedToken[expiresIn=" + expiresIn + ", principal=" + principal + "]";
    }
}
