package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * Where connect-service sends a tenant's Spark Connect sessions: shared endpoints, or one backend
 * per user named by a template (exactly one of the two).
 *
 * @param endpoints          the shared backends, each {@code host:port}; empty when a template is given
 * @param endpointTemplate   a {@code host:port} whose {@code {tenant}} and {@code {user}} are filled per
 *                           caller; null when endpoints are given
 * @param tls                whether the backends are reached over TLS
 * @param caCertificatePem   a PEM CA to trust for the backends' certificates; null for the platform's trust store
 * @param backendTokenRef    the bearer token connect-service presents to the backends, as a reference
 *                           ({@link PasswordRef}) resolved only when a route is served to connect-service;
 *                           null when the backends want none
 */
public record SparkConnectBackends(List<String> endpoints, @Nullable String endpointTemplate, boolean tls,
                                   @Nullable String caCertificatePem, @Nullable String backendTokenRef) {
    public SparkConnectBackends {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }

    // A literal reference is the token itself; keep it out of logs and exception messages.
    @Override
    public String toString() {
        return "SparkConnectBackends[endpoints=" + endpoints + ", endpointTemplate=" + endpointTemplate
                + ", tls=" + tls + ", backendTokenRef=" + (backendTokenRef == null ? null : PasswordRef.mask(backendTokenRef))
                + "]";
    }
}
