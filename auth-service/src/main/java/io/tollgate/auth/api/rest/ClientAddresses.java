package io.tollgate.auth.api.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.HttpClientAddressResolver;
import jakarta.inject.Singleton;

import java.net.InetSocketAddress;

/**
 * The caller's address, for rate limits and the audit trail: the TCP peer, unless the operator
 * names the header a trusted proxy sets ({@code micronaut.server.client-address-header}).
 * Micronaut's own resolver would otherwise believe any {@code Forwarded} or
 * {@code X-Forwarded-For} header a client sends, and a client could pick a fresh address, and a
 * fresh rate-limit bucket, with every request.
 */
@Singleton
public class ClientAddresses {
    private final boolean trustHeader;
    private final HttpClientAddressResolver resolver;

    ClientAddresses(HttpServerConfiguration server, HttpClientAddressResolver resolver) {
        this.trustHeader = server.getClientAddressHeader() != null;
        this.resolver = resolver;
    }

    /** The caller's address, or null when the transport does not say. */
    public String of(HttpRequest<?> request) {
        if (trustHeader) {
            return resolver.resolve(request);
        }
        InetSocketAddress remote = request.getRemoteAddress();
        if (remote == null) {
            return null;
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }
}
