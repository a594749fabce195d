package io.tollgate.router.domain;

import io.tollgate.common.auth.AccessClass;

import java.util.Objects;

/**
 * The PostgreSQL database holding a tenant's data.
 *
 * @param credentials the owner login: the admin access class's, and every class's that has none of
 *                    its own in {@code logins}
 * @param pool        the pool limits; {@code maxConnections} is the total across the classes' pools
 * @param logins      the reader and writer classes' own logins
 */
public record SqlBackend(String jdbcUrl, IsolationMode isolationMode, CredentialsRef credentials, PoolLimits pool,
                         ClassLogins logins) {
    public SqlBackend {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(isolationMode, "isolationMode");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(pool, "pool");
        logins = logins == null ? ClassLogins.NONE : logins;
    }

    /** A backend whose every access class runs as the owner login. */
    public SqlBackend(String jdbcUrl, IsolationMode isolationMode, CredentialsRef credentials, PoolLimits pool) {
        this(jdbcUrl, isolationMode, credentials, pool, ClassLogins.NONE);
    }

    /** The login an access class runs as. */
    public CredentialsRef login(AccessClass accessClass) {
        CredentialsRef own = switch (accessClass) {
            case READER -> logins.reader();
            case WRITER -> logins.writer();
            case ADMIN -> credentials;
        };
        return own == null ? credentials : own;
    }

    /** Whether two access classes run as the same PostgreSQL login. */
    public boolean sharesLoginAcrossClasses() {
        String reader = login(AccessClass.READER).username();
        String writer = login(AccessClass.WRITER).username();
        String admin = credentials.username();
        return reader.equals(writer) || reader.equals(admin) || writer.equals(admin);
    }

    /** The same backend with other logins for the reader and writer classes. */
    public SqlBackend withLogins(ClassLogins other) {
        return new SqlBackend(jdbcUrl, isolationMode, credentials, pool, other);
    }
}
