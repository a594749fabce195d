package io.tollgate.connect.routing;

/**
 * One Spark Connect server a call goes to, and how to reach it.
 *
 * @param endpoint      {@code host:port}
 * @param tls           over TLS
 * @param caCertificate a PEM CA to trust for it; empty: the platform's trust store
 * @param token         the bearer token presented to it; empty: none. Never shown to clients
 */
public record SparkBackend(String endpoint, boolean tls, String caCertificate, String token) {

    /** What a channel to it depends on (the token travels per call, not per channel). */
    ChannelKey channelKey() {
        return new ChannelKey(endpoint, tls, caCertificate);
    }

    record ChannelKey(String endpoint, boolean tls, String caCertificate) {
    }

    @Override
    public String toString() {
        return "SparkBackend[" + endpoint + (tls ? ", tls" : "") + "]"; // never the token
    }
}
