package io.tollgate.flight.quota;

import io.tollgate.flight.tenant.TenantRoute;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

/**
 * How many statements each tenant runs on this replica, against its quota. A statement is admitted
 * or refused at once, never queued: a client waiting in line here would hold its call open with no
 * bound. The limit is read from the route at each admission, so a new revision's limit applies to
 * the next statement while those already running finish (a lowered limit admits nothing new until
 * the count has fallen below it).
 */
@Singleton
public class ConcurrentQueries {
    // Tenant -> statements running; an entry goes when its count reaches 0, so idle tenants cost nothing.
    private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

    /**
     * Counts one statement of the route's tenant until the returned permit is closed.
     *
     * @throws QuotaExceededException when the tenant already runs as many as its quota allows
     */
    public QueryPermit admit(TenantRoute route) {
        int limit = route.quotas().maxConcurrentQueries();
        String tenantId = route.tenantId();
        boolean[] admitted = {false};
        running.compute(tenantId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (limit > 0 && current >= limit) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            throw QuotaExceededException.concurrentQueries(limit);
        }
        return new QueryPermit(() -> running.computeIfPresent(tenantId, (id, count) -> count <= 1 ? null : count - 1));
    }

    /** How many statements of this tenant are running here now. */
    public int running(String tenantId) {
        return running.getOrDefault(tenantId, 0);
    }
}
