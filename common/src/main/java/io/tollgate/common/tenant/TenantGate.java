package io.tollgate.common.tenant;

import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;

/**
 * The one place a service asks whether a tenant may be served: a read of the {@link
 * TenantDirectory} (no call to router-service per request), answered as a {@link TenantStanding}.
 * A suspension takes effect as soon as router-service streams it. The platform tenant is never a
 * data tenant here; auth-service, which logs platform administrators in, decides that before it
 * asks.
 */
public final class TenantGate {
    private final TenantDirectory directory;

    public TenantGate(TenantDirectory directory) {
        this.directory = directory;
    }

    /**
     * Whether the directory has had its first snapshot, so that a refusal can be decided by tenant.
     * A caller that refuses "not ready" only once it knows a tenant (e.g. after finding a client by
     * its id) asks this first, or its refusals would tell which ids exist.
     */
    public boolean directoryReady() {
        return directory.synced();
    }

    /** What the directory says of the tenant. */
    public TenantStanding standing(String tenantId) {
        TenantDirectory.Lookup lookup = directory.lookup(tenantId);
        return switch (lookup.outcome()) {
            case NOT_SYNCED -> TenantStanding.DIRECTORY_NOT_READY;
            case UNKNOWN -> TenantStanding.UNKNOWN;
            case FOUND -> standingOf(lookup.tenant(), tenantId);
        };
    }

    /**
     * The tenant's registry entry, when it may be served.
     *
     * @throws TenantRefusedException {@code NOT_AVAILABLE} when it is unknown or not active (the
     *                                same refusal for both), {@code NOT_READY} before the
     *                                directory's first snapshot
     */
    public Tenant admit(String tenantId) {
        TenantDirectory.Lookup lookup = directory.lookup(tenantId);
        return switch (lookup.outcome()) {
            case NOT_SYNCED -> throw new TenantRefusedException(TenantRefusedException.Reason.NOT_READY);
            case UNKNOWN -> throw new TenantRefusedException(TenantRefusedException.Reason.NOT_AVAILABLE);
            case FOUND -> {
                if (standingOf(lookup.tenant(), tenantId) != TenantStanding.ACTIVE) {
                    throw new TenantRefusedException(TenantRefusedException.Reason.NOT_AVAILABLE);
                }
                yield lookup.tenant();
            }
        };
    }

    // Anything but an explicit ACTIVE (including a status this build does not know) is refused; an
    // entry filed under another id than asked is never served.
    private static TenantStanding standingOf(Tenant tenant, String tenantId) {
        if (PlatformTenant.is(tenantId) || !tenantId.equals(tenant.getId())) {
            return TenantStanding.UNKNOWN;
        }
        return tenant.getStatus() == TenantStatus.TENANT_STATUS_ACTIVE ? TenantStanding.ACTIVE : TenantStanding.SUSPENDED;
    }
}
