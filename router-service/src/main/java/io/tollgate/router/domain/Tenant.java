package io.tollgate.router.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant as the registry holds it.
 *
 * @param revision the registry revision of the tenant's last change
 */
public record Tenant(TenantDefinition definition, long revision, Instant createdAt, Instant updatedAt) {
    public Tenant {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public String id() {
        return definition.id();
    }
}
