package io.tollgate.auth.service.extauthz;

import io.tollgate.auth.config.ExtAuthzConfig;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.tenant.TenantAdmission;
import io.tollgate.auth.tenant.TenantStanding;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a token's tenant may be served, for ext_authz: the same {@link TenantAdmission} logins
 * use, with each answer reused for {@code tenant-status-cache-ttl} (5 s), because Envoy asks on
 * every request (a Trino query polls its nextUri many times). A suspension therefore takes effect
 * within that long. Failures are never cached: while router-service cannot answer, every check is
 * refused as temporarily unavailable.
 */
@Singleton
public class TenantGate {
    private static final int MAX_ENTRIES = 10_000;

    private record Cached(TenantStanding standing, Instant until) {
    }

    private final TenantAdmission admission;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TenantGate(TenantAdmission admission, ExtAuthzConfig config, Clock clock) {
        this.admission = admission;
        this.ttl = config.tenantStatusCacheTtl();
        this.clock = clock;
    }

    TenantStanding standing(String tenantId) throws TenantStatusUnavailableException {
        if (ttl.isZero() || ttl.isNegative()) {
            return admission.standing(tenantId);
        }
        Instant now = clock.instant();
        Cached cached = cache.get(tenantId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.standing();
        }
        TenantStanding standing = admission.standing(tenantId);
        if (cache.size() >= MAX_ENTRIES) {
            cache.clear();
        }
        cache.put(tenantId, new Cached(standing, now.plus(ttl)));
        return standing;
    }
}
