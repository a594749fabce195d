package io.tollgate.common.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * One token bucket per key (an account, a client, an address), created on first use. The map is
 * bounded: past {@code maxKeys} the buckets that have refilled completely are dropped (forgetting
 * them changes nothing); if a flood of distinct keys leaves too many non-full buckets, they are
 * all dropped, which resets the limits rather than letting memory grow without bound. The
 * database-backed lock-out keeps protecting accounts meanwhile.
 */
public final class TokenBuckets {
    private final int capacity;
    private final long refillMillis;
    private final int maxKeys;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public TokenBuckets(int capacity, long refillMillis, int maxKeys) {
        this.capacity = capacity;
        this.refillMillis = refillMillis;
        this.maxKeys = maxKeys;
    }

    /** 0 when the key may proceed (a token was taken), else the milliseconds to wait. */
    public long tryTake(String key, long nowMillis) {
        return tryTake(key, capacity, refillMillis, nowMillis);
    }

    /**
     * As {@link #tryTake(String, long)}, for a key with its own capacity and refill period (e.g. a
     * tenant's quota). When they change, the key starts again from a full bucket of the new shape.
     */
    public long tryTake(String key, int keyCapacity, long keyRefillMillis, long nowMillis) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> bucket.isFull(nowMillis));
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
        }
        return buckets.compute(key, (k, bucket) -> bucket != null && bucket.hasShape(keyCapacity, keyRefillMillis)
                ? bucket : new TokenBucket(keyCapacity, keyRefillMillis, nowMillis)).tryTake(nowMillis);
    }

    /** Forgets the buckets of the keys that no longer qualify (e.g. tenants that are gone). */
    public void retainKeys(Predicate<String> keep) {
        buckets.keySet().removeIf(keep.negate());
    }

    public int size() {
        return buckets.size();
    }
}
