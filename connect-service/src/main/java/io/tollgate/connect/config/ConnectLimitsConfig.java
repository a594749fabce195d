package io.tollgate.connect.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What one replica lets calls hold at once ({@code tollgate.connect.limits.*}), besides the tenants'
 * quotas: message bytes in flight (overall and per tenant), calls open at once per tenant, the
 * share of a tenant's limits one user may take, and the size of the requests that carry no plan.
 *
 * @param bytesInFlight       message bytes all calls may hold in the gateway at once, both ways (a
 *                            request from its receipt until the backend took it, a response from
 *                            its receipt until the client took it). At least the largest message,
 *                            or the largest cannot pass; sized with the heap (256 MiB of a 512 MiB heap)
 * @param tenantBytesInFlight message bytes one tenant's calls may hold at once (one largest message
 *                            by default, so that no tenant takes more than half of the whole)
 * @param maxCallsPerTenant   calls of any method one tenant may have open at once, from their
 *                            headers to their end
 * @param principalShare      the share of each of its tenant's caps (calls, sessions, operations)
 *                            one user may take, rounded up, at least 1: one user cannot take all of
 *                            a tenant's sessions. 1 turns the per-user caps off
 * @param smallRequestBytes   the largest request of a method that carries no plan and no artifact
 *                            (everything but ExecutePlan, AnalyzePlan and AddArtifacts, which may
 *                            be up to {@code max-message-bytes})
 */
@ConfigurationProperties("tollgate.connect.limits")
public record ConnectLimitsConfig(
        @Bindable(defaultValue = "268435456") long bytesInFlight,
        @Bindable(defaultValue = "134217728") long tenantBytesInFlight,
        @Bindable(defaultValue = "64") int maxCallsPerTenant,
        @Bindable(defaultValue = "1") double principalShare,
        @Bindable(defaultValue = "1048576") int smallRequestBytes) {

    /** Refuses to start with a limit that would refuse every call or none. */
    public ConnectLimitsConfig {
        if (bytesInFlight <= 0 || tenantBytesInFlight <= 0 || maxCallsPerTenant <= 0 || smallRequestBytes <= 0) {
            throw new IllegalArgumentException("tollgate.connect.limits.bytes-in-flight, tenant-bytes-in-flight,"
                    + " max-calls-per-tenant and small-request-bytes must be positive");
        }
        if (!(principalShare > 0 && principalShare <= 1)) {
            throw new IllegalArgumentException("tollgate.connect.limits.principal-share must be above 0 and at most 1");
        }
    }

    /** What one user may hold of a tenant's cap of {@code tenantCap}: its share, rounded up, at least 1. */
    public int principalCap(int tenantCap) {
        return (int) Math.max(1, Math.min(tenantCap, Math.ceil(tenantCap * principalShare)));
    }
}
