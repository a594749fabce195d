package io.tollgate.router.api.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * The body of POST and PUT /admin/v1/tenants, read loosely (text for enums, boxed numbers) so that
 * {@link TenantRequestValidator} can name every bad field at once. Unknown properties are refused:
 * a misspelt optional field would otherwise be dropped without a word.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(name = "TenantRequest", description = "A tenant to create, or the new definition of one (PUT)")
public record TenantRequest(
        @Schema(description = "The tenant id, a lowercase slug; on PUT optional and equal to the path's")
        @Nullable String id,
        @Schema(description = "Defaults to the id") @Nullable String displayName,
        @Schema(description = "On create: active (default) or suspended. Not accepted on PUT: use "
                + "/suspend, /resume and DELETE", allowableValues = {"active", "suspended"})
        @Nullable String status,
        @Nullable Map<String, String> labels,
        @Nullable SqlBackend sqlBackend,
        @Schema(description = "Defaults to [{name: tollgate.tenant_id, source: TENANT_ID}]")
        @Nullable List<ContextVariable> contextVariables,
        @Schema(description = "0 or absent means the data service's default") @Nullable Quotas quotas,
        @Schema(description = "The tenant's Iceberg warehouses, names unique; the first is the one a client that"
                + " names none gets. On PUT the whole list is replaced, secret keys included")
        @Nullable List<Warehouse> warehouses,
        @Schema(description = "Engines behind the gateway for this tenant, names unique, e.g. [{name: trino, url: "
                + "https://...}, {name: spark, kind: SPARK_CONNECT, sparkConnect: {endpoints: [spark.acme.svc:15002]}}]."
                + " On PUT the whole list is replaced, backend tokens included")
        @Nullable List<Upstream> upstreams) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "SqlBackendRequest")
    public record SqlBackend(
            @Schema(description = "jdbc:postgresql://host[:port]/database or "
                    + "jdbc:postgresql://service:<name>.<namespace>:<port>/database") @Nullable String jdbcUrl,
            @Schema(allowableValues = {"DEDICATED", "SHARED_RLS"}) @Nullable String isolationMode,
            @Schema(description = "The owner login, which the admin access class (tenant-admin, platform-admin) runs as")
            @Nullable Credentials credentials,
            @Schema(description = "maxConnections is the total across the access classes' pools") @Nullable Pool pool,
            @Schema(description = "The reader and writer classes' own logins; a class left out runs as the owner "
                    + "login (less safe). On PUT, leave logins out to keep the current ones")
            @Nullable Logins logins) {
    }

    /** One login per access class below admin; each like {@link Credentials}. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "LoginsRequest")
    public record Logins(@Nullable Credentials reader, @Nullable Credentials writer) {
    }

    /** Exactly one of password and passwordRef; on PUT both may be left out to keep the current one. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "CredentialsRequest")
    public record Credentials(
            @Nullable String username,
            @Schema(description = "A password, stored as a literal: reference (development only)", writeOnly = true)
            @Nullable String password,
            @Schema(description = "secret:<namespace>/<name>#<key> or literal:<password>", writeOnly = true)
            @Nullable String passwordRef) {

        // Keeps the password out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "PoolRequest")
    public record Pool(@Nullable Integer maxConnections, @Nullable Integer minIdle, @Nullable Long connectionTimeoutMs) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "ContextVariableRequest")
    public record ContextVariable(
            @Nullable String name,
            @Schema(allowableValues = {"TENANT_ID", "SUBJECT", "ROLES", "CLAIM"}) @Nullable String source,
            @Schema(description = "Required when source is CLAIM, refused otherwise") @Nullable String claim) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "QuotasRequest")
    public record Quotas(@Nullable Long maxConcurrentQueries, @Nullable Long statementTimeoutMs,
                         @Nullable Long maxResultRows, @Nullable Long maxResultBytes,
                         @Schema(description = "Per data-service replica") @Nullable Long requestsPerSecond,
                         @Schema(description = "Table and view commits to catalog-service, per replica")
                         @Nullable Long commitsPerMinute,
                         @Schema(description = "Spark Connect sessions open at once, per connect-service replica")
                         @Nullable Long maxSparkSessions,
                         @Schema(description = "Spark Connect operations running at once, per connect-service replica")
                         @Nullable Long maxSparkOperations,
                         @Schema(description = "Bytes of artifacts one Spark Connect session may upload")
                         @Nullable Long maxSparkArtifactBytes) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "WarehouseRequest")
    public record Warehouse(
            @Schema(description = "A lowercase slug, unique within the tenant: catalog-service's URL prefix")
            @Nullable String name,
            @Schema(description = "file:///<absolute path> or s3://<bucket>/<prefix>") @Nullable String location,
            @Schema(description = "Leave out for the local filesystem") @Nullable Storage storage) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "WarehouseStorageRequest")
    public record Storage(@Nullable S3 s3) {
    }

    /** Exactly one of secretAccessKey and secretAccessKeyRef. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "S3StorageRequest")
    public record S3(
            @Schema(description = "http(s) URL; empty or absent for AWS's regional endpoint") @Nullable String endpoint,
            @Schema(description = "The signing region, e.g. us-east-1") @Nullable String region,
            @Schema(description = "Address buckets by path; default false") @Nullable Boolean pathStyleAccess,
            @Nullable String accessKeyId,
            @Schema(description = "The key, stored as a literal: reference (development only)", writeOnly = true)
            @Nullable String secretAccessKey,
            @Schema(description = "secret:<namespace>/<name>#<key> or literal:<key>", writeOnly = true)
            @Nullable String secretAccessKeyRef) {

        // Keeps the key out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "S3[region=" + region + "]";
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "UpstreamRequest")
    public record Upstream(
            @Nullable String name,
            @Schema(description = "Default HTTP", allowableValues = {"HTTP", "SPARK_CONNECT"}) @Nullable String kind,
            @Schema(description = "Kind HTTP only: an absolute http(s) URL without credentials") @Nullable String url,
            @Schema(description = "Kind SPARK_CONNECT only") @Nullable SparkConnect sparkConnect) {
    }

    /** Exactly one of endpoints and endpointTemplate; at most one of backendToken and backendTokenRef. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "SparkConnectRequest")
    public record SparkConnect(
            @Schema(description = "1 to 16 shared backends, each host:port (no scheme)") @Nullable List<String> endpoints,
            @Schema(description = "Per-user backends: host:port whose host has {user} and {tenant} each exactly once "
                    + "as a whole label, e.g. {user}.{tenant}.spark.svc:15002") @Nullable String endpointTemplate,
            @Schema(description = "Reach the backends over TLS; default false") @Nullable Boolean tls,
            @Schema(description = "PEM CA certificate(s) to trust for the backends (tls only); absent: the "
                    + "platform's trust store") @Nullable String caCertificatePem,
            @Schema(description = "The bearer token connect-service presents to the backends, stored as a literal: "
                    + "reference (development only); with tls unless every endpoint is loopback", writeOnly = true)
            @Nullable String backendToken,
            @Schema(description = "secret:<namespace>/<name>#<key> or literal:<token>", writeOnly = true)
            @Nullable String backendTokenRef) {

        // Keeps the token out of any message or log line that prints the record.
        @Override
        public String toString() {
            return "SparkConnect[endpoints=" + endpoints + ", endpointTemplate=" + endpointTemplate + "]";
        }
    }

    @Override
    public String toString() {
        return "TenantRequest[id=" + id + "]";
    }
}
