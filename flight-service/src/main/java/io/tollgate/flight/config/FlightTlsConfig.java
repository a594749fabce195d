package io.tollgate.flight.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * TLS on the Flight SQL endpoint ({@code tollgate.flight.tls.*}), as given; the rules that make a
 * usable whole of it (both or neither of certificate and key, client-auth values) are in
 * common's {@code tls.ServerTlsSettings}, which refuses to start rather than fall back to plaintext.
 *
 * <p>Values are file paths (typically a mounted Kubernetes Secret). A blank value counts as unset,
 * so that an empty environment variable in a manifest means "not configured", not "a file named ''".
 *
 * @param certChain  PEM file: the server certificate first, then any intermediates. Unset: TLS is off
 * @param privateKey PEM file: the server certificate's private key, unencrypted PKCS#8
 *                   ({@code BEGIN PRIVATE KEY})
 * @param clientCa   PEM bundle of the CAs that client certificates are verified against
 * @param clientAuth {@code NONE}, {@code OPTIONAL} or {@code REQUIRE} (any case); unset: {@code REQUIRE}
 *                   when {@code clientCa} is set, else {@code NONE}
 */
@ConfigurationProperties("tollgate.flight.tls")
public record FlightTlsConfig(
        @Nullable String certChain,
        @Nullable String privateKey,
        @Nullable String clientCa,
        @Nullable String clientAuth) {
    /** The settings' prefix, as messages about them name it. */
    public static final String PREFIX = "tollgate.flight.tls";
}
