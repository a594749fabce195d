package io.tollgate.common.metrics;

import io.tollgate.common.tenant.TenantIds;
import jakarta.inject.Singleton;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The value of a series' {@code tenant} tag: the tenant's own id for the first
 * {@code tollgate.metrics.tenant-series} tenants this replica counts, {@link #OTHER} for every
 * later one, so that a registry of thousands of tenants never makes more than that many series per
 * meter. First seen rather than busiest: a tenant's series never moves to another tag, so its
 * counters stay continuous (a ranking by traffic would move tenants in and out of
 * {@link #OTHER} and break every rate Prometheus computes over them). A restart starts the list
 * anew.
 *
 * <p>Only a verified tenant (from a token or the registry) may be passed here: a name a caller
 * merely typed would let anyone fill the list. Anything that is not a tenant id is {@link #NONE}.
 */
@Singleton
public final class TenantTags {
    /** Every tenant past the first {@code tenant-series}; never a tenant id (ids have no {@code _}). */
    public static final String OTHER = "_other";
    /** A call with no verified tenant (refused before it had one), or a value that is not a tenant id. */
    public static final String NONE = "_none";

    private final int limit;
    private final Set<String> named = ConcurrentHashMap.newKeySet();

    public TenantTags(MetricsConfig config) {
        this(config.tenantSeries());
    }

    /** Tags that give their own series to the first {@code limit} tenants. */
    public TenantTags(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("tenant-series must not be negative");
        }
        this.limit = limit;
    }

    /** The tag value for a verified tenant id. */
    public String of(String tenantId) {
        // The named ones first: only valid ids are ever named, and this runs on every call.
        if (tenantId != null && named.contains(tenantId)) {
            return tenantId;
        }
        if (!TenantIds.isValid(tenantId)) {
            return NONE;
        }
        synchronized (named) {
            // Checked again under the lock, so that the list never grows past its limit.
            if (named.contains(tenantId) || named.size() < limit && named.add(tenantId)) {
                return tenantId;
            }
        }
        return OTHER;
    }
}
