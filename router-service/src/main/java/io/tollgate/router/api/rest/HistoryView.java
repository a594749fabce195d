package io.tollgate.router.api.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

/**
 * A tenant's retained changes, oldest first.
 *
 * @param nextAfterRevision pass as {@code afterRevision} for the next page; absent on the last page
 */
@Serdeable
@Schema(name = "TenantHistory")
public record HistoryView(String tenantId, List<Change> changes, @Nullable Long nextAfterRevision) {

    @Serdeable
    @Schema(name = "TenantChange")
    public record Change(
            long revision,
            @Schema(allowableValues = {"created", "updated", "status_changed", "deleted"}) String kind,
            String at,
            @Schema(description = "The token subject that made the change, or bootstrap / system:...") String actor,
            @Schema(description = "What changed, by field, secrets masked") Map<String, Object> description) {
    }
}
