package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as the registry holds it.
 *
 * @param revision the registry revision of the tenant's last change
 * @param deletionRequestedAt when the tenant was set to {@link TenantStatus#DELETING}; null otherwise
 */
public record Tenant(TenantDefinition definition, long revision, Instant createdAt, Instant updatedAt,
                     @Nullable Instant deletionRequestedAt) {
    public Tenant {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String id() {
        return definition.id();
    }
}
