package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

/**
 * The logins a backend has registered for its less privileged access classes. The admin class's
 * login is the backend's owner login ({@link SqlBackend#credentials()}), so it is not repeated
 * here. A class without a login of its own (null) runs as the owner login: that is how tenants
 * registered before per-class logins were migrated, and it is less safe (a reader's SQL then runs
 * as a login that may write), which the connectivity check reports as
 * {@code shared-login-across-classes}.
 *
 * @param reader the reader class's login (SELECT only), or null for the owner login
 * @param writer the writer class's login (no DDL), or null for the owner login
 */
public record ClassLogins(@Nullable CredentialsRef reader, @Nullable CredentialsRef writer) {
    /** No class has a login of its own: every class runs as the owner login. */
    public static final ClassLogins NONE = new ClassLogins(null, null);
}
