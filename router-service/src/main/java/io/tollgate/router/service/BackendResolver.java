package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.Credentials;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.BackendResolutionException.Reason;
import io.tollgate.router.service.kubernetes.KubernetesServices;
import jakarta.inject.Singleton;

import java.util.Set;

/**
 * Makes a stored backend usable: the password from its reference, the host from its Service
 * reference. The one place where routes, connectivity checks and provisioning get a backend.
 */
@Singleton
public class BackendResolver {
    private static final String SERVICE_PREFIX = JdbcUrl.PREFIX + "service:";

    private final CredentialsResolver credentials;
    @Nullable
    private final KubernetesServices services;

    BackendResolver(CredentialsResolver credentials, @Nullable KubernetesServices services) {
        this.credentials = credentials;
        this.services = services;
    }

    /** @throws BackendResolutionException when a password or the host cannot be resolved */
    public ResolvedBackend resolve(SqlBackend backend) {
        Credentials owner = credentials.resolve(backend.credentials());
        return new ResolvedBackend(jdbcUrl(backend.jdbcUrl()), owner,
                ownLogin(backend, AccessClass.READER, owner), ownLogin(backend, AccessClass.WRITER, owner));
    }

    /**
     * Resolves only the given classes' passwords (and the host): what a write must check when it
     * keeps the other classes' stored references.
     *
     * @throws BackendResolutionException naming the class whose password cannot be resolved
     */
    public void requireResolvable(SqlBackend backend, Set<AccessClass> classes) {
        jdbcUrl(backend.jdbcUrl());
        for (AccessClass accessClass : classes) {
            CredentialsRef login = backend.login(accessClass);
            // A class that runs as the owner login has no password of its own: a failure is the owner's.
            AccessClass owner = login == backend.credentials() ? AccessClass.ADMIN : accessClass;
            try {
                credentials.resolve(login);
            } catch (BackendResolutionException e) {
                throw new BackendResolutionException(e.part(), e.reason(), e.getMessage(), owner);
            }
        }
    }

    // A class without a login of its own runs as the owner login: resolved once, not again.
    private Credentials ownLogin(SqlBackend backend, AccessClass accessClass, Credentials owner) {
        CredentialsRef login = backend.login(accessClass);
        return login == backend.credentials() ? owner : credentials.resolve(login);
    }

    private String jdbcUrl(String stored) {
        // Only Service references are parsed here: URLs seeded by a bootstrap file were checked
        // less strictly than JdbcUrl does, and are served as they were accepted.
        if (!stored.startsWith(SERVICE_PREFIX)) {
            return stored;
        }
        JdbcUrl url;
        try {
            url = JdbcUrl.parse(stored);
        } catch (IllegalArgumentException e) {
            throw new BackendResolutionException(Part.HOST, Reason.UNSUPPORTED, "malformed service: host");
        }
        if (services == null) {
            throw new BackendResolutionException(Part.HOST, Reason.UNSUPPORTED,
                    "service: hosts need the Kubernetes integration (tollgate.router.kubernetes.enabled)");
        }
        return url.withAddress(services.host(url.serviceName(), url.serviceNamespace(), url.port()), url.port());
    }
}
