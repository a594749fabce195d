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
 * The headers a backend call carries: of the client's, only an allowlist (the names an operator
 * lists in {@code tollgate.connect.forwarded-headers}, none by default), plus
 * the backend token of the tenant's upstream as {@code authorization: Bearer}. Anything else a
 * client sends (x-forwarded-user, proxy-authorization, forwarded, binary headers...) could be
 * believed by an authenticating proxy in front of Spark, so it never leaves the gateway; nor does
 * the client's token.
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
