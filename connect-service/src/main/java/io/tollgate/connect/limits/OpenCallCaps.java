package io.tollgate.connect.limits;

import io.tollgate.connect.config.ConnectLimitsConfig;
import io.tollgate.connect.session.LimitExceededException;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * Calls of any method open at once on this replica, per tenant ({@code max-calls-per-tenant}) and
 * per user within it (its {@code principal-share}): a tenant cannot hold every call slot of the
 * replica, nor one user every slot of the tenant. A call counts from its headers (a parked call
 * holds its slot) to its end. Entries live only while a call holds them.
 */
@Singleton
public class OpenCallCaps {
    private record User(String tenantId, String subject) {
    }

    private final int tenantCap;
    private final int userCap;
    private final Map<String, Integer> byTenant = new HashMap<>();
    private final Map<User, Integer> byUser = new HashMap<>();

    public OpenCallCaps(ConnectLimitsConfig config) {
        this.tenantCap = config.maxCallsPerTenant();
        this.userCap = config.principalCap(tenantCap);
    }

    /** One call's slot; {@link #close()} when it ends (again: nothing). */
    public final class Slot implements AutoCloseable {
        private final User user;
        private boolean closed;

        private Slot(User user) {
            this.user = user;
        }

        @Override
        public void close() {
            synchronized (OpenCallCaps.this) {
                if (closed) {
                    return;
                }
                closed = true;
                byTenant.computeIfPresent(user.tenantId(), (id, n) -> n == 1 ? null : n - 1);
                byUser.computeIfPresent(user, (id, n) -> n == 1 ? null : n - 1);
            }
        }
    }

    /**
     * Takes a slot for a call of {@code subject} in {@code tenantId}.
     *
     * @throws LimitExceededException naming the cap (the user's first)
     */
    public synchronized Slot open(String tenantId, String subject) throws LimitExceededException {
        User user = new User(tenantId, subject);
        int ofUser = byUser.getOrDefault(user, 0);
        if (ofUser >= userCap) {
            throw new LimitExceededException("max-calls-per-tenant per user", userCap,
                    "calls one user may have open at once");
        }
        int ofTenant = byTenant.getOrDefault(tenantId, 0);
        if (ofTenant >= tenantCap) {
            throw new LimitExceededException("max-calls-per-tenant", tenantCap,
                    "calls the tenant may have open at once");
        }
        byUser.put(user, ofUser + 1);
        byTenant.put(tenantId, ofTenant + 1);
        return new Slot(user);
    }

    /** Calls open now, of every tenant (metrics, tests). */
    public synchronized int open() {
        return byTenant.values().stream().mapToInt(Integer::intValue).sum();
    }
}
