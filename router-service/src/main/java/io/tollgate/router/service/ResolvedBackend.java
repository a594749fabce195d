package io.tollgate.router.service;

import io.tollgate.router.domain.Credentials;

import java.util.Objects;

/**
 * A tenant backend ready to connect to: its JDBC URL with any Service reference replaced by an
 * address, and its login with the password resolved. Held only while a response is built.
 */
public record ResolvedBackend(String jdbcUrl, Credentials credentials) {
    public ResolvedBackend {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String toString() {
        return "ResolvedBackend[jdbcUrl=" + jdbcUrl + ", credentials=" + credentials + "]";
    }
}
