package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * An engine behind the gateway for one tenant, by name: an http(s) engine (e.g. its Trino
 * coordinator) at a URL, or Spark Connect servers that connect-service fronts.
 *
 * @param name         a short name, unique within the tenant ("trino", "spark")
 * @param kind         what it speaks
 * @param url          its base URL (http or https), for kind HTTP only; null otherwise
 * @param sparkConnect how to reach it, for kind SPARK_CONNECT only; null otherwise
 */
public record Upstream(String name, UpstreamKind kind, @Nullable String url, @Nullable SparkConnectBackends sparkConnect) {
    public Upstream {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if ((kind == UpstreamKind.HTTP) != (url != null) || (kind == UpstreamKind.SPARK_CONNECT) != (sparkConnect != null)) {
            throw new IllegalArgumentException("an upstream of kind " + kind + " has exactly its kind's settings");
        }
    }

    /** An http(s) engine at {@code url}. */
    public static Upstream http(String name, String url) {
        return new Upstream(name, UpstreamKind.HTTP, url, null);
    }

    /** Spark Connect servers. */
    public static Upstream sparkConnect(String name, SparkConnectBackends backends) {
        return new Upstream(name, UpstreamKind.SPARK_CONNECT, null, backends);
    }
}
