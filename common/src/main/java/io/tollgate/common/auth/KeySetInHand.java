package io.tollgate.common.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.cache.CachedObject;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The key set last fetched from auth-service, and whether verifying a given token needs more than
 * it: the innermost source of the verifier's key cache (below nimbus' caching, rate limiting and
 * outage tolerance), so that it sees every real fetch and the time nimbus caches its result with.
 *
 * <p>Why it exists: nimbus' cache does not say what it holds, and asking it may wait (an expired
 * set is refreshed in the asker's thread; a key id it lacks forces a rate-limited refresh). A
 * caller that must never wait asks {@link #need} first: a token whose key is in a set fetched less
 * than the cache's time to live ago is verified against that set ({@link InHand}, a signature check
 * and nothing else); a token naming a key the set lacks, while a fetch is under way or was done
 * within the rate limit's window, is refused without asking (nimbus would refuse it too, or wait
 * for the fetch under way); anything else may fetch.
 */
final class KeySetInHand implements JWKSetSource<SecurityContext> {
    /** What verifying a token needs of the key set. */
    enum Need {
        /** Nothing that can wait: its key is in the set in hand, or it is refused without a key. */
        IN_HAND,
        /** Its key is not in a set fetched just now: refused as the keys being unavailable, at once. */
        LACKING,
        /** A fetch, perhaps: no fresh set in hand, or an unknown key and no fetch lately. */
        MAY_FETCH
    }

    /** The set in hand, as a nimbus security context: {@link #orInHand} selects from it alone. */
    record InHand(JWKSet keys) implements SecurityContext {
    }

    /** What {@link #need} found, the set it found it in (to verify against, when in hand), and the key id asked for. */
    record Answer(Need need, InHand keys, String keyId) {
    }

    private record Fetched(JWKSet keys, long expiresAt) {
    }

    private final JWKSetSource<SecurityContext> source;
    private final long timeToLive;
    private final long fetchWindow;
    private final AtomicInteger fetching = new AtomicInteger();
    private volatile Fetched fetched;
    private volatile long lastFetchStarted = Long.MIN_VALUE;

    /**
     * @param timeToLive  the cache's time to live (ms): how long nimbus uses a set without fetching
     * @param fetchWindow the rate limit's window (ms): an unknown key fetches at most once in it
     */
    KeySetInHand(JWKSetSource<SecurityContext> source, long timeToLive, long fetchWindow) {
        this.source = source;
        this.timeToLive = timeToLive;
        this.fetchWindow = fetchWindow;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        fetching.incrementAndGet();
        lastFetchStarted = System.currentTimeMillis();
        try {
            JWKSet keys = source.getJWKSet(evaluator, currentTime, context);
            // nimbus caches what this returns with the same currentTime: it expires when this does.
            record(new Fetched(keys, CachedObject.computeExpirationTime(currentTime, timeToLive)));
            return keys;
        } finally {
            fetching.decrementAndGet();
        }
    }

    private synchronized void record(Fetched latest) {
        Fetched held = fetched;
        if (held == null || held.expiresAt() <= latest.expiresAt()) {
            fetched = latest;
        }
    }

    /**
     * What verifying a token with this header needs, {@code margin} ms from now: a caller that
     * asks first and verifies a moment later gives the time between the two, so that an answer of
     * {@link Need#IN_HAND} or {@link Need#LACKING} still holds when it verifies.
     */
    Answer need(JWSHeader header, Set<JWSAlgorithm> allowed, long margin) {
        Fetched held = fetched;
        InHand keys = new InHand(held == null ? new JWKSet() : held.keys());
        if (!allowed.contains(header.getAlgorithm())) {
            return new Answer(Need.IN_HAND, keys, header.getKeyID()); // the key selectors refuse it before they look for a key
        }
        long now = System.currentTimeMillis() + margin; // nimbus' clock
        if (held == null || now >= held.expiresAt()) {
            return new Answer(Need.MAY_FETCH, null, header.getKeyID());
        }
        // The very match nimbus' key selectors and EdDsaKeys make: the same answer they would get.
        JWKMatcher matcher = JWKMatcher.forJWSHeader(header);
        if (matcher == null) {
            return new Answer(Need.MAY_FETCH, null, header.getKeyID());
        }
        if (!new JWKSelector(matcher).select(held.keys()).isEmpty()) {
            return new Answer(Need.IN_HAND, keys, header.getKeyID());
        }
        boolean fetchedLately = fetching.get() > 0 || now < lastFetchStarted + fetchWindow;
        return new Answer(fetchedLately ? Need.LACKING : Need.MAY_FETCH, null, header.getKeyID());
    }

    /**
     * The verifier's key source: the set in hand when the processor is given one as its context,
     * else {@code cache} (which may fetch).
     */
    static JWKSource<SecurityContext> orInHand(JWKSource<SecurityContext> cache) {
        return (selector, context) -> context instanceof InHand inHand
                ? selector.select(inHand.keys()) : cache.get(selector, context);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
