package io.tollgate.router.domain;

import java.util.Objects;

/**
 * The login for a tenant's backend as stored: the username, and a reference from which the
 * password is resolved only when a route is served (see {@code CredentialsResolver}).
 */
public record CredentialsRef(String username, String passwordRef) {
    public CredentialsRef {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordRef, "passwordRef");
    }

    // A literal reference is the password itself; keep it out of logs and exception messages.
    @Override
    public String toString() {
        return "CredentialsRef[username=" + username + ", passwordRef=***]";
    }
}
