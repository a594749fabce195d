package io.tollgate.auth.service.ratelimit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One token bucket per key (an account, a client, an address), created on first use. The map is
 * bounded: past {@code maxKeys} the buckets that have refilled completely are dropped (forgetting
 * them changes nothing); if a flood of distinct keys leaves too many non-full buckets, they are
 * all dropped, which resets the limits rather than letting memory grow without bound. The
 * database-backed lock-out keeps protecting accounts meanwhile.
 */
final class TokenBuckets {
    private final int capacity;
    private final long refillMillis;
    private final int maxKeys;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    TokenBuckets(int capacity, long refillMillis, int maxKeys) {
        this.capacity = capacity;
        this.refillMillis = refillMillis;
        this.maxKeys = maxKeys;
    }

    /** 0 when the key may proceed (a token was taken), else the milliseconds to wait. */
    long tryTake(String key, long nowMillis) {
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> bucket.isFull(nowMillis));
            if (buckets.size() >= maxKeys) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(key, k -> new TokenBucket(capacity, refillMillis, nowMillis)).tryTake(nowMillis);
    }

    int size() {
        return buckets.size();
    }
}
