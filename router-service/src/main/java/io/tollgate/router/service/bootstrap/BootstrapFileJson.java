package io.tollgate.router.service.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * The bootstrap file's JSON shape, read as loosely as JSON allows (text for enums, boxed numbers)
 * so that {@link BootstrapFileValidator} can name each bad field instead of the deserializer
 * failing on the first. Unknown properties are refused: a misspelt optional field would
 * otherwise be dropped without a word.
 */
final class BootstrapFileJson {
    private BootstrapFileJson() {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record File(@Nullable List<Tenant> tenants) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Tenant(
            @Nullable String id,
            @Nullable String displayName,
            @Nullable String status,
            @Nullable String isolationMode,
            @Nullable String jdbcUrl,
            @Nullable String username,
            @Nullable String password,
            @Nullable Map<String, String> labels,
            @Nullable List<ContextVariable> contextVariables,
            @Nullable Quotas quotas,
            @Nullable Pool pool,
            @Nullable List<Warehouse> warehouses,
            @Nullable List<Upstream> upstreams,
            @Nullable Logins logins) {

        // Keeps the password out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "Tenant[id=" + id + "]";
        }
    }

    /** The reader and writer classes' own logins; a class left out runs as the owner login. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Logins(@Nullable Login reader, @Nullable Login writer) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Login(@Nullable String username, @Nullable String password) {
        // Keeps the password out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "Login[username=" + username + "]";
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ContextVariable(@Nullable String name, @Nullable String source, @Nullable String claim) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Quotas(
            @Nullable Integer maxConcurrentQueries,
            @Nullable Long statementTimeoutMs,
            @Nullable Long maxResultRows,
            @Nullable Long maxResultBytes,
            @Nullable Long requestsPerSecond,
            @Nullable Long commitsPerMinute,
            @Nullable Long maxSparkSessions,
            @Nullable Long maxSparkOperations,
            @Nullable Long maxSparkArtifactBytes) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Pool(@Nullable Integer maxConnections, @Nullable Integer minIdle, @Nullable Long connectionTimeoutMs) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Warehouse(@Nullable String name, @Nullable String location, @Nullable Storage storage) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Storage(@Nullable S3 s3) {
    }

    /** Exactly one of secretAccessKey (the key itself) and secretAccessKeyRef. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record S3(@Nullable String endpoint, @Nullable String region, @Nullable Boolean pathStyleAccess,
              @Nullable String accessKeyId, @Nullable String secretAccessKey, @Nullable String secretAccessKeyRef) {
        // Keeps the key out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "S3[region=" + region + "]";
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Upstream(@Nullable String name, @Nullable String kind, @Nullable String url,
                    @Nullable SparkConnect sparkConnect) {
    }

    /** Exactly one of endpoints and endpointTemplate; at most one of backendToken and backendTokenRef. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record SparkConnect(@Nullable List<String> endpoints, @Nullable String endpointTemplate, @Nullable Boolean tls,
                        @Nullable String caCertificatePem, @Nullable String backendToken,
                        @Nullable String backendTokenRef) {
        // Keeps the token out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "SparkConnect[endpoints=" + endpoints + ", endpointTemplate=" + endpointTemplate + "]";
        }
    }
}
