package io.tollgate.catalog.token;

import java.util.List;

/**
 * A token auth-service issued for a token request.
 *
 * @param accessToken      the signed JWT
 * @param expiresInSeconds its lifetime
 * @param scopes           what it was granted
 */
public record IssuedCatalogToken(String accessToken, long expiresInSeconds, List<String> scopes) {

    /** Leaves the token out, so that logging this record never leaks a bearer credential. */
    @Override
    public String toString() {
        return "IssuedCatalogToken[expiresInSeconds=" + expiresInSeconds + ", scopes=" + scopes + "]";
    }
}
