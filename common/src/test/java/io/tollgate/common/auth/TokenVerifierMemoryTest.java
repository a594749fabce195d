package io.tollgate.common.auth;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the verifier answers from memory, without the key set: tokens it verified, tokens it
 * refused for what they are (for a while), and tokens refused for their size or shape alone. A
 * gateway decides from {@link TokenVerifier#answersWithoutKeys} whether a check may run on a thread
 * that must never wait.
 */
class TokenVerifierMemoryTest {
    private static final TokenVerifierConfig CONFIG = new TokenVerifierConfig("tollgate", "tollgate",
            URI.create("http://unused"), List.of("RS256"), Duration.ofSeconds(30), 8192, 1000, Duration.ofMinutes(5));
    private static RSAKey goodKey;
    private static RSAKey attackerKey;
    private static ImmutableJWKSet<SecurityContext> keys;

    @BeforeAll
    static void keys() throws Exception {
        goodKey = new RSAKeyGenerator(2048).keyID("good-kid").generate();
        keys = new ImmutableJWKSet<>(new JWKSet(goodKey.toPublicJWK()));
        attackerKey = new RSAKeyGenerator(2048).keyID("good-kid").generate();
    }

    private static String signedWith(RSAKey key) {
        return TokenVerifierAttackCorpusTest.rs256(TokenVerifierAttackCorpusTest.header().build(),
                TokenVerifierAttackCorpusTest.claims().build(), key);
    }

    @Test
    void aForgedTokenIsRefusedFromMemoryForAWhileThenCheckedAgain() {
        SteppedClock clock = new SteppedClock();
        TokenVerifier verifier = new TokenVerifier(CONFIG, keys, clock);
        String forged = signedWith(attackerKey);
        assertFalse(verifier.answersWithoutKeys(forged), "never seen: a check that may need the keys");
        assertEquals(InvalidTokenException.Reason.BAD_SIGNATURE,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(forged)).reason());
        assertTrue(verifier.answersWithoutKeys(forged), "refused lately: answered from memory");
        assertEquals(InvalidTokenException.Reason.BAD_SIGNATURE,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(forged)).reason());
        clock.advance(TokenVerifier.REFUSAL_MEMORY.plusSeconds(1));
        assertFalse(verifier.answersWithoutKeys(forged), "checked again once the refusal is forgotten");
    }

    @Test
    void tokensRefusedForTheirSizeOrShapeNeedNoKeysAndAVerifiedOneIsRemembered() throws InvalidTokenException {
        TokenVerifier verifier = new TokenVerifier(CONFIG, keys, new SteppedClock());
        for (String token : new String[] {null, "", "a.b", "a.b.c.d", "a.b.c!", "a b.c.d", "x".repeat(9000)}) {
            assertTrue(verifier.answersWithoutKeys(token), String.valueOf(token));
            assertThrows(InvalidTokenException.class, () -> verifier.verify(token));
        }
        String genuine = signedWith(goodKey);
        assertFalse(verifier.answersWithoutKeys(genuine));
        verifier.verify(genuine);
        assertTrue(verifier.answersWithoutKeys(genuine));
    }

    @Test
    void aRefusalForKeysThatCouldNotBeFetchedIsNotRemembered() {
        JWKSource<SecurityContext> down = (selector, context) -> {
            throw new KeySourceException("auth-service unreachable");
        };
        TokenVerifier verifier = new TokenVerifier(CONFIG, down, new SteppedClock());
        String genuine = signedWith(goodKey);
        assertEquals(InvalidTokenException.Reason.KEYS_UNAVAILABLE,
                assertThrows(InvalidTokenException.class, () -> verifier.verify(genuine)).reason());
        assertFalse(verifier.answersWithoutKeys(genuine), "the keys may come back: the token is checked again");
    }

    /** A clock at the current time that moves only when told. */
    private static final class SteppedClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
