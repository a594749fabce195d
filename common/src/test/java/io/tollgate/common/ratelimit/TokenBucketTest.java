package io.tollgate.common.ratelimit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {

    @Test
    void aFullBucketLetsABurstOfItsCapacityThroughThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(3, 1_000, 0);

        assertEquals(0, bucket.tryTake(0));
        assertEquals(0, bucket.tryTake(0));
        assertEquals(0, bucket.tryTake(0));
        assertEquals(1_000, bucket.tryTake(0));
        assertEquals(400, bucket.tryTake(600));
    }

    @Test
    void tokensComeBackOneRefillPeriodAtATimeUpToTheCapacity() {
        TokenBucket bucket = new TokenBucket(2, 1_000, 0);
        bucket.tryTake(0);
        bucket.tryTake(0);

        assertEquals(0, bucket.tryTake(1_000));
        assertTrue(bucket.tryTake(1_000) > 0);
        assertFalse(bucket.isFull(2_000));
        assertTrue(bucket.isFull(60_000));
        assertEquals(0, bucket.tryTake(60_000));
        assertEquals(0, bucket.tryTake(60_000));
        assertTrue(bucket.tryTake(60_000) > 0, "never more than the capacity");
    }

    @Test
    void bucketsAreKeptApartByKeyAndBoundedInNumber() {
        TokenBuckets buckets = new TokenBuckets(1, 1_000, 100);
        assertEquals(0, buckets.tryTake("a", 0));
        assertTrue(buckets.tryTake("a", 0) > 0);
        assertEquals(0, buckets.tryTake("b", 0));

        for (int i = 0; i < 500; i++) {
            buckets.tryTake("key-" + i, 0);
        }
        assertTrue(buckets.size() <= 100, "size " + buckets.size());
    }

    @Test
    void aKeyWithItsOwnShapeStartsAFreshBucketWhenTheShapeChanges() {
        TokenBuckets buckets = new TokenBuckets(1, 1_000, 100);
        assertEquals(0, buckets.tryTake("acme", 2, 500, 0));
        assertEquals(0, buckets.tryTake("acme", 2, 500, 0));
        assertEquals(500, buckets.tryTake("acme", 2, 500, 0));
        assertEquals(0, buckets.tryTake("acme", 3, 500, 0), "a raised quota applies at once");
    }

    @Test
    void bucketsOfKeysThatNoLongerQualifyAreForgotten() {
        TokenBuckets buckets = new TokenBuckets(1, 1_000, 100);
        buckets.tryTake("acme", 0);
        buckets.tryTake("gone", 0);
        buckets.retainKeys("acme"::equals);
        assertEquals(1, buckets.size());
        assertTrue(buckets.tryTake("acme", 0) > 0, "the kept bucket keeps its state");
    }
}
