package io.tollgate.router.domain;

import java.util.Objects;

/** The PostgreSQL database holding a tenant's data. */
public record SqlBackend(String jdbcUrl, IsolationMode isolationMode, CredentialsRef credentials, PoolLimits pool) {
    public SqlBackend {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(isolationMode, "isolationMode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(pool, "pool");
    }
}
