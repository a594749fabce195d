package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import io.grpc.health.v1.HealthGrpc;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.connect.proto.SparkConnectServiceGrpc;
import io.tollgate.connect.support.ConnectTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which calls run on the transport's thread: only Spark Connect calls whose bearer token is already verified. */
class InlineProxyCallsTest {
    private final TokenVerifier verifier = new TokenVerifier(new TokenVerifierConfig("tollgate", "tollgate",
            URI.create("http://unused.invalid/jwks"), List.of("RS256"), Duration.ofSeconds(30), 8192, 1000,
            Duration.ofMinutes(5)), ConnectTokens.TOKENS.keys(), Clock.systemUTC());
    private final InlineProxyCalls calls = new InlineProxyCalls(verifier);

    @Test
    void sparkCallsWithAKnownTokenRunInlineAndEverythingElseOnTheCallExecutor() throws Exception {
        String known = ConnectTokens.spark("ada", "acme");
        String unseen = ConnectTokens.spark("bob", "acme");
        verifier.verify(known);

        String spark = SparkConnectServiceGrpc.SERVICE_NAME;
        assertTrue(calls.runsInline(spark, headers("authorization", known)));
        // Spark's JVM client sends its token as "authentication" over TLS.
        assertTrue(calls.runsInline(spark, headers("authentication", known)));
        // First sight of a token may mean fetching auth-service's keys: not on a transport thread.
        assertFalse(calls.runsInline(spark, headers("authorization", unseen)));
        assertFalse(calls.runsInline(spark, new Metadata()));
        assertFalse(calls.runsInline(HealthGrpc.SERVICE_NAME, headers("authorization", known)));
    }

    private static Metadata headers(String name, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }
}
