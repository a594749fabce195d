package io.tollgate.connect.routing;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rendezvous (highest random weight) hashing: each endpoint scores the key, the highest score wins.
 * Every replica computes the same winner with no shared state, and removing an endpoint moves only
 * the keys it had won; adding one takes only the keys it now wins.
 */
final class Rendezvous {
    private static final HashFunction HASH = Hashing.murmur3_128();

    private Rendezvous() {
    }

    /** The endpoint that wins {@code key} among non-empty {@code endpoints}. */
    static String choose(List<String> endpoints, String key) {
        String best = null;
        long bestScore = 0;
        for (String endpoint : endpoints) {
            long score = HASH.newHasher()
                    .putString(key, StandardCharsets.UTF_8)
                    .putByte((byte) 0)
                    .putString(endpoint, StandardCharsets.UTF_8)
                    .hash().asLong();
            // Ties (vanishingly rare) go to the smaller endpoint name, so every replica agrees.
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && endpoint.compareTo(best) < 0)) {
                best = endpoint;
                bestScore = score;
            }
        }
        return best;
    }
}
