package io.tollgate.common.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * The internal gRPC ports' mutual TLS ({@code tollgate.internal-tls}): one certificate per
 * service, used both to serve and to call, and the CA bundle every peer is checked against.
 *
 * @param enabled     {@code false} only for development: internal calls then travel in plaintext
 *                    and every caller on this host is trusted as any service, callers on other hosts refused
 *                    (logged loudly at start-up)
 * @param certificate PEM file: this service's certificate (subject CN = its service name, e.g.
 *                    {@code flight-service}; also a DNS SAN when it serves), then any intermediates
 * @param privateKey  PEM file: the certificate's unencrypted PKCS#8 private key
 * @param trustBundle PEM file: the CA certificate(s) that issue the services' certificates; only
 *                    these are trusted, never the JDK's public roots
 */
@ConfigurationProperties("tollgate.internal-tls")
public record InternalTlsConfig(
        @Bindable(defaultValue = "true") boolean enabled,
        @Nullable String certificate,
        @Nullable String privateKey,
        @Nullable String trustBundle) {

    public static final String PREFIX = "tollgate.internal-tls";
    public static final String CERTIFICATE = PREFIX + ".certificate";
    public static final String PRIVATE_KEY = PREFIX + ".private-key";
    public static final String TRUST_BUNDLE = PREFIX + ".trust-bundle";
    public static final String ENABLED = PREFIX + ".enabled";
}
