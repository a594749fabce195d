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
        @Nullable Warehouse warehouse,
        @Schema(description = "Engines behind the gateway for this tenant, e.g. [{name: trino, url: https://...}]")
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
                         @Nullable Long maxResultRows, @Nullable Long maxResultBytes) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "WarehouseRequest")
    public record Warehouse(@Nullable String name, @Nullable String location) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    @Schema(name = "UpstreamRequest")
    public record Upstream(@Nullable String name, @Nullable String url) {
    }

    @Override
    public String toString() {
        return "TenantRequest[id=" + id + "]";
    }
}
