package io.tollgate.common.ratelimit;

/**
 * A token bucket: holds up to {@code capacity} tokens, gains one every {@code refillMillis}, and
 * each request takes one. Full at creation, so a first burst of {@code capacity} passes.
 */
public final class TokenBucket {
    private final int capacity;
    private final long refillMillis;
    private double tokens;
    private long updatedAt;

    public TokenBucket(int capacity, long refillMillis, long nowMillis) {
        if (capacity < 1 || refillMillis < 1) {
            throw new IllegalArgumentException("capacity and refill period must be positive");
        }
        this.capacity = capacity;
        this.refillMillis = refillMillis;
        this.tokens = capacity;
        this.updatedAt = nowMillis;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when a token was taken, else the milliseconds until one will be there
     */
    public synchronized long tryTake(long nowMillis) {
        refill(nowMillis);
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return Math.max(1, (long) Math.ceil((1 - tokens) * refillMillis));
    }

    /** Whether the bucket has refilled completely, i.e. forgetting it would change nothing. */
    public synchronized boolean isFull(long nowMillis) {
        refill(nowMillis);
        return tokens >= capacity;
    }

    /** Whether the bucket has this capacity and refill period. */
    public boolean hasShape(int otherCapacity, long otherRefillMillis) {
        return capacity == otherCapacity && refillMillis == otherRefillMillis;
    }

    private void refill(long nowMillis) {
        long elapsed = nowMillis - updatedAt;
        if (elapsed > 0) {
            tokens = Math.min(capacity, tokens + (double) elapsed / refillMillis);
            updatedAt = nowMillis;
        }
    }
}
