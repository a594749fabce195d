package io.tollgate.connect.support;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.TokenClaims;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.common.auth.TokenVerifierFactory;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Singleton;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The tokens a gateway under test trusts (instead of auth-service's JWKS), and ones it must not. */
public final class ConnectTokens {
    public static final TestTokens TOKENS = new TestTokens("tollgate", "tollgate");
    /**
     * Tokens the gateway trusts too, but whose key it gets only while {@link #holdSlowKeys} is not in
     * force: their first check waits there, as a check waits on a key-set fetch.
     */
    private static final TestTokens SLOW_TOKENS = new TestTokens("tollgate", "tollgate");
    private static volatile CountDownLatch slowKeys = new CountDownLatch(0);
    /** Set on a gateway that should trust {@link #TOKENS}. */
    static final String TRUST_TEST_TOKENS = "connect-test.trust-test-tokens";

    private ConnectTokens() {
    }

    /** A token of {@code name@tenant} with the {@code spark} scope. */
    public static String spark(String name, String tenant) {
        return withScope("spark", name, tenant);
    }

    /** A token of {@code name@tenant} with the {@code spark} scope, expiring at {@code expiresAt}. */
    public static String sparkExpiringAt(String name, String tenant, Instant expiresAt) {
        return TOKENS.sign(TOKENS.baseClaims(name + "@" + tenant, tenant, List.of("reader"), Instant.now(), expiresAt)
                .claim(TokenClaims.SCOPE, "spark").build());
    }

    /** A token of {@code name@tenant} with exactly this scope claim. */
    public static String withScope(String scope, String name, String tenant) {
        Instant now = Instant.now();
        return TOKENS.sign(TOKENS.baseClaims(name + "@" + tenant, tenant, List.of("reader"), now,
                now.plus(Duration.ofMinutes(10))).claim(TokenClaims.SCOPE, scope).build());
    }

    /** A well-formed, unexpired token with the spark scope, signed by a key the gateway does not trust. */
    public static String forged(String name, String tenant) {
        TestTokens other = new TestTokens("tollgate", "tollgate");
        Instant now = Instant.now();
        return other.sign(other.baseClaims(name + "@" + tenant, tenant, List.of("reader"), now,
                now.plus(Duration.ofMinutes(10))).claim(TokenClaims.SCOPE, "spark").build());
    }

    /** A token of {@code name@tenant} with the {@code spark} scope whose key may be held ({@link #holdSlowKeys}). */
    public static String slow(String name, String tenant) {
        Instant now = Instant.now();
        return SLOW_TOKENS.sign(SLOW_TOKENS.baseClaims(name + "@" + tenant, tenant, List.of("reader"), now,
                now.plus(Duration.ofMinutes(10))).claim(TokenClaims.SCOPE, "spark").build());
    }

    /** From now on, checking a {@link #slow} token waits until {@link #releaseSlowKeys} (at most 30 s). */
    public static void holdSlowKeys() {
        slowKeys = new CountDownLatch(1);
    }

    public static void releaseSlowKeys() {
        slowKeys.countDown();
    }

    // The gateway's key source: the test keys at once, the slow ones once released.
    private static JWKSource<SecurityContext> keys() {
        JWKSource<SecurityContext> trusted = TOKENS.keys();
        JWKSource<SecurityContext> slow = SLOW_TOKENS.keys();
        return (selector, context) -> {
            List<JWK> found = trusted.get(selector, context);
            if (!found.isEmpty()) {
                return found;
            }
            found = slow.get(selector, context);
            try {
                if (!found.isEmpty() && !slowKeys.await(30, TimeUnit.SECONDS)) {
                    throw new KeySourceException("slow keys held for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KeySourceException("interrupted while the slow keys were held", e);
            }
            return found;
        };
    }

    /** A token's id ({@code jti}), to revoke it. */
    public static String idOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    /** Trusts {@link #TOKENS} where {@link #TRUST_TEST_TOKENS} is set; revocations as streamed. */
    @Factory
    @Requires(property = TRUST_TEST_TOKENS, value = "true")
    static class TrustedTestTokens {
        @Singleton
        @Replaces(bean = TokenVerifier.class, factory = TokenVerifierFactory.class)
        TokenVerifier tokenVerifier(TokenVerifierConfig config, RevocationSet revocations) {
            return new TokenVerifier(config, keys(), revocations, Clock.systemUTC());
        }
    }
}
