package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import io.micronaut.context.exceptions.ConfigurationException;
import io.tollgate.connect.config.ConnectConfig;
import io.tollgate.connect.routing.SparkBackend;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The headers that cross the gateway, each way by an allowlist. To a backend: of the client's, only
 * the names an operator lists in {@code tollgate.connect.forwarded-headers} (none by default), plus
 * the backend token of the tenant's upstream as {@code authorization: Bearer}. Anything else a
 * client sends (x-forwarded-user, proxy-authorization, forwarded, binary headers...) could be
 * believed by an authenticating proxy in front of Spark, so it never leaves the gateway; nor does
 * the client's token. To a client: of the backend's response headers and trailers, only what
 * Spark's clients read ({@link #RETURNED}); what else a backend or a proxy in front of it adds
 * (server names, hosts, timings) says how the tenant's Spark is deployed, not what the caller asked.
 */
@Singleton
final class BackendHeaders {
    /**
     * Never forwarded, whatever the configuration says: credentials, transport headers, and the
     * client's trace context (the backend call's is the gateway's own client span, set by its
     * tracing interceptor; a client's traceparent would replace or duplicate it).
     */
    private static final Set<String> NEVER_FORWARDED = Set.of("authorization", "authentication", "cookie",
            "proxy-authorization", "content-type", "te", "user-agent", "host", "traceparent", "tracestate",
            "baggage");

    /**
     * Spark's error details: a {@code google.rpc.Status} whose {@code ErrorInfo} carries the error
     * class, SQL state, message parameters and the id that FetchErrorDetails takes.
     */
    static final Metadata.Key<byte[]> SPARK_ERROR_DETAILS =
            Metadata.Key.of("grpc-status-details-bin", Metadata.BINARY_BYTE_MARSHALLER);
    /**
     * The backend's headers and trailers a client receives. Spark's clients read no other;
     * {@code content-type}, {@code grpc-encoding} and the status are grpc-java's own, set by the
     * gateway's server whatever is passed.
     */
    private static final List<Metadata.Key<byte[]>> RETURNED = List.of(SPARK_ERROR_DETAILS);

    private final Set<String> forwarded;

    BackendHeaders(ConnectConfig config) {
        this.forwarded = allowlist(config.forwardedHeaders());
    }

    private static Set<String> allowlist(List<String> configured) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : configured == null ? List.<String>of() : configured) {
            String lower = name.trim().toLowerCase(Locale.ROOT);
            if (NEVER_FORWARDED.contains(lower) || lower.startsWith("grpc-") || lower.startsWith(":")
                    || lower.endsWith(Metadata.BINARY_HEADER_SUFFIX) || lower.isEmpty()) {
                throw new ConfigurationException("tollgate.connect.forwarded-headers may not name '" + lower
                        + "': credentials, transport, trace-context and binary headers are never forwarded to a backend");
            }
            names.add(lower);
        }
        return Set.copyOf(names);
    }

    /** Of a backend's response headers or trailers, what goes on to the client. */
    static Metadata forClient(Metadata backend) {
        Metadata returned = new Metadata();
        for (Metadata.Key<byte[]> key : RETURNED) {
            Iterable<byte[]> values = backend.getAll(key);
            if (values != null) {
                values.forEach(value -> returned.put(key, value));
            }
        }
        return returned;
    }

    Metadata forBackend(Metadata client, SparkBackend backend) {
        Metadata headers = new Metadata();
        for (String name : forwarded) {
            Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
            Iterable<String> values = client.getAll(key);
            if (values != null) {
                values.forEach(value -> headers.put(key, value));
            }
        }
        if (!backend.token().isEmpty()) {
            headers.put(BearerHeaders.AUTHORIZATION, "Bearer " + backend.token());
        }
        return headers;
    }
}
