package io.tollgate.auth.tenant;

/**
 * The reserved tenant of platform administrators ({@code admin@platform}). It has no data plane,
 * router-service does not know it, and it is the only tenant whose tokens may carry
 * platform-admin.
 */
public final class PlatformTenant {
    public static final String ID = "platform";

    private PlatformTenant() {
    }
}
