package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A tenant as the admin API shows it. Never a password: the credentials show the username and
 * the reference's kind ({@code secret:ns/name#key} as it is, a literal one as {@code literal:***}).
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
        @Nullable Warehouse warehouse,
        List<Upstream> upstreams,
        @Schema(description = "The registry revision of the tenant's last change; also its ETag") long revision,
        String createdAt,
        String updatedAt,
        @Schema(description = "When DELETE was asked for; the tenant is removed after the drain period")
        @Nullable String deletionRequestedAt) {

    @Serdeable
    @Schema(name = "Upstream")
    public record Upstream(String name, String url) {
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
    public record Quotas(int maxConcurrentQueries, long statementTimeoutMs, long maxResultRows, long maxResultBytes) {
    }

    @Serdeable
    @Schema(name = "Warehouse")
    public record Warehouse(String name, String location) {
    }
}
