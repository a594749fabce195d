package io.tollgate.router.service;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.Credentials;

import java.util.Objects;

/**
 * A tenant backend ready to connect to: its JDBC URL with any Service reference replaced by an
 * address, and its logins with the passwords resolved. Held only while a response is built.
 *
 * @param credentials the owner login (the admin class's)
 * @param reader      the reader class's login (the owner login when the class has none of its own)
 * @param writer      the writer class's login (likewise)
 */
public record ResolvedBackend(String jdbcUrl, Credentials credentials, Credentials reader, Credentials writer) {
    public ResolvedBackend {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(writer, "writer");
    }

    /** The login an access class runs as. */
    public Credentials login(AccessClass accessClass) {
        return switch (accessClass) {
            case READER -> reader;
            case WRITER -> writer;
            case ADMIN -> credentials;
        };
    }

    @Override
    public String toString() {
        return "ResolvedBackend[jdbcUrl=" + jdbcUrl + ", credentials=" + credentials + ", reader=" + reader
                + ", writer=" + writer + "]";
    }
}
