package io.tollgate.common.tenant;

/**
 * The reserved tenant of platform administrators ({@code admin@platform}). It has no data plane:
 * router-service never registers it, the data services never serve it (the {@link TenantGate}
 * answers it as unknown even if a registry held it), and it is the only tenant whose tokens may
 * carry platform-admin.
 */
public final class PlatformTenant {
    public static final String ID = "platform";

    private PlatformTenant() {
    }

    public static boolean is(String tenantId) {
        return ID.equals(tenantId);
    }
}
