package io.tollgate.common.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.Ed25519Signer;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A token seen for the first time needs no fetch when the key set in hand is fresh and holds its
 * key, and a made-up key id cannot make the verifier fetch again and again: what lets a gateway
 * verify nearly every first-seen token on a thread that must never wait, and forged tokens
 * (each a new one) take no fetch and no shared queue.
 */
class TokenVerifierKeySetTest {
    // Windows far longer than a test: no answer here depends on how fast it runs.
    private static final Duration TTL = Duration.ofHours(2);
    private static final Duration FETCH_WINDOW = Duration.ofHours(1);
    private static final int CACHE_SIZE = 50;
    private static RSAKey rsaKey;
    private static OctetKeyPair edKey;
    private static RSAKey attackerKey;

    @BeforeAll
    static void keys() throws Exception {
        rsaKey = new RSAKeyGenerator(2048).keyID("good-kid").generate();
        edKey = new OctetKeyPairGenerator(Curve.Ed25519).keyID("ed-kid").generate();
        attackerKey = new RSAKeyGenerator(2048).keyID("made-up-kid").generate();
    }

    /** auth-service's key set as the verifier's cache fetches it, counting the fetches. */
    private static final class CountedFetches implements JWKSetSource<SecurityContext> {
        final AtomicInteger fetches = new AtomicInteger();
        final List<JWK> published = new CopyOnWriteArrayList<>(List.of(rsaKey.toPublicJWK(), edKey.toPublicJWK()));

        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long currentTime, SecurityContext context) {
            fetches.incrementAndGet();
            return new JWKSet(List.copyOf(published));
        }

        @Override
        public void close() {
        }
    }

    private final CountedFetches authService = new CountedFetches();
    private final TokenVerifier verifier = verifier(FETCH_WINDOW);

    private TokenVerifier verifier(Duration fetchWindow) {
        return TokenVerifier.fromKeySetSource(new TokenVerifierConfig("tollgate", "tollgate", URI.create("http://unused"),
                        List.of("RS256", "EdDSA"), Duration.ofSeconds(30), 8192, CACHE_SIZE, TTL),
                authService, fetchWindow, new RevocationSet(), Clock.systemUTC());
    }

    private static String rs256(RSAKey key) {
        return TokenVerifierAttackCorpusTest.rs256(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                TokenVerifierAttackCorpusTest.claims().build(), key);
    }

    /** Names auth-service's real key, but is signed with the attacker's. */
    private static String forgedWithTheRealKeyId() {
        return TokenVerifierAttackCorpusTest.rs256(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(rsaKey.getKeyID()).type(JOSEObjectType.JWT).build(),
                TokenVerifierAttackCorpusTest.claims().build(), attackerKey);
    }

    private static String edDsa() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.EdDSA).keyID("ed-kid").type(JOSEObjectType.JWT)
                .build(), TokenVerifierAttackCorpusTest.claims().build());
        jwt.sign(new Ed25519Signer(edKey));
        return jwt.serialize();
    }

    @Test
    void onceTheSetIsInHandAFirstSeenTokenWithAKnownKeyIsVerifiedWithoutAFetch() throws Exception {
        String first = rs256(rsaKey);
        assertFalse(verifier.answersWithoutKeys(first), "no set in hand yet: verifying it fetches one");
        verifier.verify(first);
        assertEquals(1, authService.fetches.get());

        String fresh = rs256(rsaKey);
        String freshEd = edDsa();
        assertTrue(verifier.answersWithoutKeys(fresh), "never seen, but its key is in the set in hand");
        assertTrue(verifier.answersWithoutKeys(freshEd), "an EdDSA key in hand counts as well");
        assertEquals("acme", verifier.verify(fresh).tenantId());
        assertEquals("acme", verifier.verify(freshEd).tenantId());

        String forged = forgedWithTheRealKeyId();
        assertTrue(verifier.answersWithoutKeys(forged), "a known key id: a signature check tells, no fetch");
        assertEquals(InvalidTokenException.Reason.BAD_SIGNATURE,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(forged)).reason());
        assertEquals(1, authService.fetches.get(), "all of it against the one set fetched");
    }

    @Test
    void aTokenNamingAKeyTheSetLacksIsRefusedAtOnceWithinTheFetchWindow() throws Exception {
        verifier.verify(rs256(rsaKey));
        assertEquals(1, authService.fetches.get());

        for (int i = 0; i < 3; i++) {
            String madeUp = rs256(attackerKey); // each a new token naming a key auth-service never had
            assertTrue(verifier.answersWithoutKeys(madeUp), "the set was fetched just now: no fetch to wait on");
            assertEquals(InvalidTokenException.Reason.KEYS_UNAVAILABLE,
                    assertThrows(InvalidTokenException.class, () -> verifier.verify(madeUp)).reason());
        }
        assertEquals(1, authService.fetches.get(), "no fetch for an unknown key within the window");
    }

    @Test
    void aKeyPublishedAfterTheSetWasFetchedIsFetchedByTheFirstTokenNamingItOnceTheWindowHasPassed() throws Exception {
        TokenVerifier noWindow = verifier(Duration.ZERO); // the window has always passed
        noWindow.verify(rs256(rsaKey));
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("rotated-kid").generate();
        authService.published.add(rotated.toPublicJWK());

        String signedWithTheNewKey = rs256(rotated);
        assertFalse(noWindow.answersWithoutKeys(signedWithTheNewKey), "a key the set lacks, no fetch lately: it may fetch");
        assertEquals("acme", noWindow.verify(signedWithTheNewKey).tenantId());
        assertEquals(2, authService.fetches.get(), "fetched again for the new key");
        assertTrue(noWindow.answersWithoutKeys(rs256(rotated)), "and in hand from then on");
    }

    @Test
    void aFloodOfDistinctBadTokensPastTheCacheSizeLeavesVerifiedTokensVerified() throws Exception {
        List<String> genuine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            genuine.add(rs256(rsaKey));
            verifier.verify(genuine.get(i));
        }
        for (int i = 0; i < CACHE_SIZE * 3; i++) {
            String forged = i % 2 == 0 ? rs256(attackerKey) : forgedWithTheRealKeyId();
            assertTrue(verifier.answersWithoutKeys(forged), "bad token " + i + " answered without a fetch");
            assertThrows(InvalidTokenException.class, () -> verifier.verify(forged));
        }
        for (String token : genuine) {
            assertTrue(verifier.answersWithoutKeys(token), "still remembered");
            assertEquals("acme", verifier.verify(token).tenantId());
        }
        assertEquals(1, authService.fetches.get());
    }

    @Test
    void aHeaderNestedThousandsDeepIsRefusedAsMalformedOnTheCallersThread() throws Exception {
        verifier.verify(rs256(rsaKey)); // a set in hand: the header is read to find its key
        String nested = "{\"alg\":\"RS256\",\"kid\":\"good-kid\",\"x\":" + "[".repeat(2_500) + "]".repeat(2_500) + "}";
        String token = Base64URL.encode(nested).toString() + "." + Base64URL.encode("{}").toString() + ".c2ln";

        assertTrue(verifier.answersWithoutKeys(token), "refused for what it is, without a fetch");
        assertEquals(InvalidTokenException.Reason.MALFORMED,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(token)).reason());
    }
}
