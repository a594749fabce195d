package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A tenant as the admin API shows it. Never a password or a secret key: the credentials show the
 * username, the S3 settings the access key id, a Spark Connect upstream no backend token, and each the
 * reference's kind ({@code secret:ns/name#key} as it is, a literal one as {@code literal:***}).
 */
@Serdeable
@Schema(name = "Tenant")
public record TenantView(
        String id,
        String displayName,
        @Schema(allowableValues = {"active", "suspended", "deleting"}) String status,
        Map<String, String> labels,
        SqlBackend sqlBackend,
        List<ContextVariable> contextVariables,
        Quotas quotas,
        @Schema(description = "The first is the one a client that names none gets") List<Warehouse> warehouses,
        List<Upstream> upstreams,
        @Schema(description = "The registry revision of the tenant's last change; also its ETag") long revision,
        String createdAt,
        String updatedAt,
        @Schema(description = "When DELETE was asked for; the tenant is removed after the drain period")
        @Nullable String deletionRequestedAt) {

    @Serdeable
    @Schema(name = "Upstream")
    public record Upstream(String name, @Schema(allowableValues = {"HTTP", "SPARK_CONNECT"}) String kind,
                           @Schema(description = "Kind HTTP only") @Nullable String url,
                           @Schema(description = "Kind SPARK_CONNECT only") @Nullable SparkConnect sparkConnect) {
    }

    @Serdeable
    @Schema(name = "SparkConnect")
    public record SparkConnect(
            @Schema(description = "Empty when endpointTemplate is set") List<String> endpoints,
            @Nullable String endpointTemplate, boolean tls, @Nullable String caCertificatePem,
            @Schema(description = "secret:<namespace>/<name>#<key>, literal:*** (masked), or null: none")
            @Nullable String backendTokenRef) {
    }

    @Serdeable
    @Schema(name = "SqlBackend")
    public record SqlBackend(String jdbcUrl, String isolationMode,
                             @Schema(description = "The owner login, which the admin access class runs as")
                             Credentials credentials, Pool pool, Logins logins) {
    }

    @Serdeable
    @Schema(name = "Logins")
    public record Logins(
            @Schema(description = "null: the reader class runs as the owner login") @Nullable Credentials reader,
            @Schema(description = "null: the writer class runs as the owner login") @Nullable Credentials writer) {
    }

    @Serdeable
    @Schema(name = "Credentials")
    public record Credentials(String username,
                              @Schema(description = "secret:<namespace>/<name>#<key>, or literal:*** (masked)")
                              String passwordRef) {
    }

    @Serdeable
    @Schema(name = "Pool")
    public record Pool(int maxConnections, int minIdle, long connectionTimeoutMs) {
    }

    @Serdeable
    @Schema(name = "ContextVariable")
    public record ContextVariable(String name, String source, @Nullable String claim) {
    }

    @Serdeable
    @Schema(name = "Quotas")
    public record Quotas(int maxConcurrentQueries, long statementTimeoutMs, long maxResultRows, long maxResultBytes,
                         int requestsPerSecond, int commitsPerMinute, int maxSparkSessions, int maxSparkOperations,
                         long maxSparkArtifactBytes) {
    }

    @Serdeable
    @Schema(name = "Warehouse")
    public record Warehouse(String name, String location,
                            @Schema(description = "null: the local filesystem") @Nullable Storage storage) {
    }

    @Serdeable
    @Schema(name = "WarehouseStorage")
    public record Storage(S3 s3) {
    }

    @Serdeable
    @Schema(name = "S3Storage")
    public record S3(String endpoint, String region, boolean pathStyleAccess, String accessKeyId,
                     @Schema(description = "secret:<namespace>/<name>#<key>, or literal:*** (masked)")
                     String secretAccessKeyRef) {
    }
}
