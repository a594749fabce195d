package io.tollgate.connect.limits;

import io.tollgate.connect.config.ConnectLimitsConfig;
import io.tollgate.connect.session.LimitExceededException;
import jakarta.inject.Singleton;

import java.util.HashMap;
import java.util.Map;

/**
 * The message bytes calls hold in this gateway now, overall and per tenant, against
 * {@code bytes-in-flight} and {@code tenant-bytes-in-flight}. A message is charged when the gateway
 * has it and released once the other side took it: with flow control one message per direction
 * per call at most, so a budget bounds the heap that dozens of large calls could otherwise take.
 * A tenant's entry lives only while it holds bytes.
 */
@Singleton
public class BytesInFlight {
    private final long limit;
    private final long tenantLimit;
    private final Map<String, Long> byTenant = new HashMap<>();
    private long total;

    public BytesInFlight(ConnectLimitsConfig config) {
        this.limit = config.bytesInFlight();
        this.tenantLimit = config.tenantBytesInFlight();
    }

    /** Bytes held for one message; {@link #close()} once it is handed on (again: nothing). */
    public final class Charge implements AutoCloseable {
        private final String tenantId;
        private long bytes;
        private boolean released;

        private Charge(String tenantId, long bytes) {
            this.tenantId = tenantId;
            this.bytes = bytes;
        }

        /** The bytes charged. */
        public long bytes() {
            synchronized (BytesInFlight.this) {
                return bytes;
            }
        }

        /**
         * Charges {@code more} bytes of the same message (it is still arriving).
         *
         * @throws LimitExceededException naming the budget it would exceed; what was charged stays
         */
        public void grow(long more) throws LimitExceededException {
            synchronized (BytesInFlight.this) {
                if (released) {
                    return;
                }
                reserve(tenantId, more);
                bytes += more;
            }
        }

        @Override
        public void close() {
            synchronized (BytesInFlight.this) {
                if (released) {
                    return;
                }
                released = true;
                total -= bytes;
                long freed = bytes;
                byTenant.computeIfPresent(tenantId, (id, held) -> held == freed ? null : held - freed);
            }
        }
    }

    /**
     * Charges a message of {@code bytes} to its tenant.
     *
     * @throws LimitExceededException naming the budget it would exceed (the tenant's first)
     */
    public synchronized Charge charge(String tenantId, long bytes) throws LimitExceededException {
        reserve(tenantId, bytes);
        return new Charge(tenantId, bytes);
    }

    private void reserve(String tenantId, long bytes) throws LimitExceededException {
        long held = byTenant.getOrDefault(tenantId, 0L);
        if (held + bytes > tenantLimit) {
            throw new LimitExceededException("tenant-bytes-in-flight", tenantLimit,
                    "message bytes the tenant's calls may hold in the gateway at once");
        }
        if (total + bytes > limit) {
            throw new LimitExceededException("bytes-in-flight", limit,
                    "message bytes all calls may hold in the gateway at once; retry later");
        }
        total += bytes;
        byTenant.put(tenantId, held + bytes);
    }

    /** Bytes held now by every call (metrics, tests). */
    public synchronized long total() {
        return total;
    }

    /** Bytes a tenant's calls hold now. */
    public synchronized long ofTenant(String tenantId) {
        return byTenant.getOrDefault(tenantId, 0L);
    }
}
