package io.tollgate.bench;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.testkit.tokens.TestTokens;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Token verification cost on one thread (one core), side by side in one run:
 * a bare RS256 signature check (parse + verify, nimbus), the verifier on a token it has not seen
 * (signature, claims, revocations), and the verifier on a token it has verified before (what a
 * client's second and later calls cost).
 */
final class TokenVerificationBench {
    private TokenVerificationBench() {
    }

    static void run(double seconds) throws Exception {
        Report.header("Token verification, one thread (issue 3)");
        TestTokens tokens = new TestTokens("tollgate", "tollgate");
        RSAKey publicKey = (RSAKey) tokens.keys().get(new com.nimbusds.jose.jwk.JWKSelector(
                new com.nimbusds.jose.jwk.JWKMatcher.Builder().build()), null).get(0);
        RSASSAVerifier bare = new RSASSAVerifier(publicKey);
        RevocationSet revocations = new RevocationSet();
        // Some revocations to consult, as in a service that has been running a while.
        for (int i = 0; i < 10_000; i++) {
            revocations.revokeToken("revoked-" + i, Instant.now().plusSeconds(900));
        }
        TokenVerifierConfig config = new TokenVerifierConfig("tollgate", "tollgate", URI.create("http://unused"),
                List.of("RS256"), Duration.ofSeconds(30), 8192, 1_000_000, Duration.ofMinutes(5));

        int distinct = 12_000;
        String[] fresh = new String[distinct];
        for (int i = 0; i < distinct; i++) {
            fresh[i] = tokens.mint("user" + i + "@acme", "acme", List.of("reader"), Duration.ofMinutes(15));
        }
        String one = fresh[0];

        double bareRate = Measure.throughput(i -> {
            if (!SignedJWT.parse(one).verify(bare)) {
                throw new IllegalStateException("bad signature");
            }
        }, seconds / 3, seconds);

        // Each token verified exactly once: the first 2,000 warm the JIT, the rest are timed.
        TokenVerifier unseen = new TokenVerifier(config, tokens.keys(), revocations, Clock.systemUTC());
        for (int i = 0; i < 2_000; i++) {
            unseen.verify(fresh[i]);
        }
        long start = System.nanoTime();
        for (int i = 2_000; i < distinct; i++) {
            unseen.verify(fresh[i]);
        }
        double unseenRate = (distinct - 2_000) / ((System.nanoTime() - start) / 1e9);

        TokenVerifier warm = new TokenVerifier(config, tokens.keys(), revocations, Clock.systemUTC());
        warm.verify(one);
        double warmRate = Measure.throughput(i -> warm.verify(one), seconds / 3, seconds);

        Report.row("bare RS256 signature check (baseline)", bareRate, "verifications/s");
        Report.row("verifier, token not seen before", unseenRate, "verifications/s");
        Report.row("verifier, token verified before (every later call)", warmRate, "verifications/s");
        Report.ratio("verifier unseen / bare signature", unseenRate / bareRate);
        Report.ratio("verifier repeat / bare signature", warmRate / bareRate);
    }
}
