package io.tollgate.router.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tollgate.router.domain.SparkConnectBackends;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.domain.UpstreamKind;

import java.util.List;

/**
 * One element of the {@code upstreams} jsonb column (V6 describes its shape). An element without a
 * kind was written before kinds and is an HTTP upstream.
 */
@Serdeable
record UpstreamJson(String name, @Nullable String kind, @Nullable String url, @Nullable SparkConnect sparkConnect) {

    @Serdeable
    record SparkConnect(@Nullable List<String> endpoints, @Nullable String endpointTemplate, boolean tls,
                        @Nullable String caCertificatePem, @Nullable String backendTokenRef) {
        // A literal reference is the token itself.
        @Override
        public String toString() {
            return "SparkConnect[endpoints=" + endpoints + ", endpointTemplate=" + endpointTemplate + "]";
        }
    }

    static UpstreamJson of(Upstream upstream) {
        SparkConnectBackends spark = upstream.sparkConnect();
        return new UpstreamJson(upstream.name(), upstream.kind().name(), upstream.url(), spark == null ? null
                : new SparkConnect(spark.endpoints(), spark.endpointTemplate(), spark.tls(), spark.caCertificatePem(),
                        spark.backendTokenRef()));
    }

    Upstream toDomain() {
        if (kind == null || UpstreamKind.valueOf(kind) == UpstreamKind.HTTP) {
            return Upstream.http(name, url);
        }
        return Upstream.sparkConnect(name, new SparkConnectBackends(sparkConnect.endpoints(),
                sparkConnect.endpointTemplate(), sparkConnect.tls(), sparkConnect.caCertificatePem(),
                sparkConnect.backendTokenRef()));
    }

    @Override
    public String toString() {
        return "UpstreamJson[name=" + name + ", kind=" + kind + "]";
    }
}
