package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.Objects;

/**
 * A change as watchers see it: the tenant as it is at {@code revision}, or its removal.
 *
 * @param tenant the tenant after the change; null when the change removed it
 */
public record TenantEvent(long revision, String tenantId, @Nullable Tenant tenant) {
    public TenantEvent {
        Objects.requireNonNull(tenantId, "tenantId");
    }

    public static TenantEvent upserted(Tenant tenant) {
        return new TenantEvent(tenant.revision(), tenant.id(), tenant);
    }

    public static TenantEvent deleted(String tenantId, long revision) {
        return new TenantEvent(revision, tenantId, null);
    }

    public boolean isDeletion() {
        return tenant == null;
    }
}
