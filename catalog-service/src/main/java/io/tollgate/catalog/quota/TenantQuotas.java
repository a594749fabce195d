package io.tollgate.catalog.quota;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.catalog.config.QuotaConfig;
import io.tollgate.common.ratelimit.TokenBuckets;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.common.tenant.TenantRefusedException;
import io.tollgate.common.tenant.TenantStanding;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Whether a tenant may make one more catalog call now: its requests-per-second bucket, and for a
 * commit also its commits-per-minute bucket. Each tenant has its own buckets, so one tenant over
 * its rate never slows another. A tenant the gate does not serve is not counted (its call is
 * refused by the gate itself, the same way as without quotas).
 */
@Singleton
public class TenantQuotas {
    private static final long SECOND_MILLIS = 1_000;
    private static final long MINUTE_MILLIS = 60_000;

    private final TenantGate tenants;
    private final QuotaConfig defaults;
    private final Clock clock;
    private final TokenBuckets requests;
    private final TokenBuckets commits;

    public TenantQuotas(TenantGate tenants, QuotaConfig defaults, Clock clock) {
        this.tenants = tenants;
        this.defaults = defaults;
        this.clock = clock;
        // The shapes passed here are never used: every take names the tenant's own.
        this.requests = new TokenBuckets(1, SECOND_MILLIS, defaults.maxTrackedTenants());
        this.commits = new TokenBuckets(1, MINUTE_MILLIS, defaults.maxTrackedTenants());
    }

    /**
     * Takes one request (and, for a commit, one commit) from the tenant's quotas.
     *
     * @throws QuotaExceededException when either is used up, with how long to wait
     */
    public void admit(String tenantId, boolean commit) {
        Tenant tenant;
        try {
            tenant = tenants.admit(tenantId);
        } catch (TenantRefusedException e) {
            return;
        }
        Quotas quotas = tenant.getQuotas();
        long now = clock.millis();
        take(requests, tenantId, rate(quotas.getRequestsPerSecond(), defaults.defaultRequestsPerSecond()),
                SECOND_MILLIS, "requests per second", now);
        if (commit) {
            take(commits, tenantId, rate(quotas.getCommitsPerMinute(), defaults.defaultCommitsPerMinute()),
                    MINUTE_MILLIS, "commits per minute", now);
        }
    }

    /** Forgets the buckets of tenants that are no longer served, so that they take no memory. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void forgetTenantsNoLongerServed() {
        requests.retainKeys(this::served);
        commits.retainKeys(this::served);
    }

    private boolean served(String tenantId) {
        return tenants.standing(tenantId) == TenantStanding.ACTIVE;
    }

    private static int rate(int registered, int fallback) {
        return registered > 0 ? registered : fallback;
    }

    // A rate of n per period: a burst of n, then one more every period / n.
    private static void take(TokenBuckets buckets, String tenantId, int rate, long periodMillis, String name,
                             long now) {
        if (rate <= 0) {
            return;
        }
        long wait = buckets.tryTake(tenantId, rate, Math.max(1, periodMillis / rate), now);
        if (wait > 0) {
            throw new QuotaExceededException(name, Duration.ofMillis(wait));
        }
    }
}
