package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import io.tollgate.connect.routing.SparkBackend;

import java.util.Locale;
import java.util.Set;

/**
 * The headers a backend call carries: the client's own (Spark's client sends e.g. its user agent
 * and session hints there), minus its credentials and transport headers, plus the backend token of
 * the tenant's upstream as {@code authorization: Bearer}. The client's token never reaches Spark.
 */
final class BackendHeaders {
    private static final Set<String> NOT_FORWARDED = Set.of("authorization", "authentication", "cookie",
            "content-type", "te", "user-agent", "host",
            // The backend call's trace context is the gateway's own (its client span), never the client's.
            "traceparent", "tracestate", "baggage");

    private BackendHeaders() {
    }

    static Metadata forBackend(Metadata client, SparkBackend backend) {
        Metadata headers = new Metadata();
        for (String name : client.keys()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(lower) || lower.startsWith("grpc-") || lower.startsWith(":")) {
                continue;
            }
            if (lower.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Metadata.Key<byte[]> key = Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER);
                Iterable<byte[]> values = client.getAll(key);
                if (values != null) {
                    values.forEach(value -> headers.put(key, value));
                }
            } else {
                Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
                Iterable<String> values = client.getAll(key);
                if (values != null) {
                    values.forEach(value -> headers.put(key, value));
                }
            }
        }
        if (!backend.token().isEmpty()) {
            headers.put(BearerHeaders.AUTHORIZATION, "Bearer " + backend.token());
        }
        return headers;
    }
}
