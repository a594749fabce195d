package io.tollgate.common.tls;

import io.netty.handler.ssl.ClientAuth;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a public endpoint (Flight SQL, Spark Connect) asks TLS clients for a certificate. A
 * certificate only secures the transport: the caller is still identified by its login or bearer
 * token, never by the certificate's subject.
 */
public enum ClientAuthMode {
    /** No certificate is asked for. */
    NONE(ClientAuth.NONE),
    /** A certificate is asked for; a client without one is let in, one with an untrusted one is not. */
    OPTIONAL(ClientAuth.OPTIONAL),
    /** A certificate signed by one of the client CAs is required to complete the TLS handshake. */
    REQUIRE(ClientAuth.REQUIRE);

    private final ClientAuth netty;

    ClientAuthMode(ClientAuth netty) {
        this.netty = netty;
    }

    ClientAuth netty() {
        return netty;
    }

    /** The mode named by a configuration value, in any case; empty when it names none. */
    public static Optional<ClientAuthMode> parse(String value) {
        for (ClientAuthMode mode : values()) {
            if (mode.name().equals(value.trim().toUpperCase(Locale.ROOT))) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
