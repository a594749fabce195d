package io.tollgate.router.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.router.domain.JdbcUrl;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.service.BackendResolutionException.Part;
import io.tollgate.router.service.BackendResolutionException.Reason;
import io.tollgate.router.service.kubernetes.KubernetesServices;
import jakarta.inject.Singleton;

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

    /** @throws BackendResolutionException when the password or the host cannot be resolved */
    public ResolvedBackend resolve(SqlBackend backend) {
        return new ResolvedBackend(jdbcUrl(backend.jdbcUrl()), credentials.resolve(backend.credentials()));
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
