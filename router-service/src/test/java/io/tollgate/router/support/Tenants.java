package io.tollgate.router.support;

/** Tenant request bodies for tests. */
public final class Tenants {
    private Tenants() {
    }

    /** A valid SHARED_RLS tenant whose password is given in clear. */
    public static String withPassword(String id, String password) {
        return """
                {"id":"%s","displayName":"%s Inc","labels":{"tier":"gold"},
                 "sqlBackend":{"jdbcUrl":"jdbc:postgresql://db.example:5432/shared","isolationMode":"SHARED_RLS",
                   "credentials":{"username":"%s_app","password":"%s"}},
                 "quotas":{"maxConcurrentQueries":4}}""".formatted(id, id, id.replace('-', '_'), password);
    }

    /** A valid tenant on a given backend. */
    public static String on(String id, String jdbcUrl, String mode, String username, String password) {
        return """
                {"id":"%s","sqlBackend":{"jdbcUrl":"%s","isolationMode":"%s",
                   "credentials":{"username":"%s","password":"%s"}}}""".formatted(id, jdbcUrl, mode, username, password);
    }

    /** A valid tenant on a given backend with a login of its own for the reader and writer classes. */
    public static String withClassLogins(String id, String jdbcUrl, String mode, String owner, String reader,
                                         String writer, String password) {
        return """
                {"id":"%s","sqlBackend":{"jdbcUrl":"%s","isolationMode":"%s",
                   "credentials":{"username":"%s","password":"%s"},
                   "logins":{"reader":{"username":"%s","password":"%s"},"writer":{"username":"%s","password":"%s"}}}}"""
                .formatted(id, jdbcUrl, mode, owner, password, reader, password, writer, password);
    }
}
