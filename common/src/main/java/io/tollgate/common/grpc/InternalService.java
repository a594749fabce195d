package io.tollgate.common.grpc;

/**
 * A service that others call over gRPC: the name of its channel ({@code grpc.channels.<channel>})
 * and the service name its certificate must carry, which the caller verifies whatever address the
 * channel dials.
 */
public enum InternalService {
    AUTH("auth", "auth-service"),
    ROUTER("router", "router-service");

    private final String channel;
    private final String identity;

    InternalService(String channel, String identity) {
        this.channel = channel;
        this.identity = identity;
    }

    /** The channel's name under {@code grpc.channels}. */
    public String channel() {
        return channel;
    }

    /** The name in the service's certificate (subject CN and DNS SAN). */
    public String identity() {
        return identity;
    }

    /** The key of the default deadline of this service's unary calls. */
    public String deadlineKey() {
        return "tollgate.grpc.clients." + channel + ".deadline";
    }
}
