package io.tollgate.connect.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * TLS on the Spark Connect endpoint ({@code tollgate.connect.tls.*}), as given: file paths
 * (typically a mounted Kubernetes Secret); a blank value counts as unset. Both or neither of the
 * certificate and key; neither is refused at start-up unless {@code tollgate.connect.plaintext}
 * says otherwise.
 *
 * @param certChain  PEM file: the server certificate first, then any intermediates
 * @param privateKey PEM file: its private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY})
 * @param clientCa   PEM bundle of the CAs client certificates are verified against (optional)
 * @param clientAuth {@code NONE}, {@code OPTIONAL} or {@code REQUIRE}; unset: {@code REQUIRE} when
 *                   {@code clientCa} is set, else {@code NONE}. A certificate never identifies the
 *                   caller: the bearer token does
 */
@ConfigurationProperties("tollgate.connect.tls")
public record ConnectTlsConfig(
        @Nullable String certChain,
        @Nullable String privateKey,
        @Nullable String clientCa,
        @Nullable String clientAuth) {
}
