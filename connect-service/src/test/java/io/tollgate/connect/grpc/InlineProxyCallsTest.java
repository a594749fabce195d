package io.tollgate.connect.grpc;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
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

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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

        for (MethodDescriptor<?, ?> spark : List.of(SparkConnectServiceGrpc.getExecutePlanMethod(),
                SparkConnectServiceGrpc.getConfigMethod())) {
            assertSame(MoreExecutors.directExecutor(), calls.getExecutor(call(spark), headers("authorization", known)));
            // Spark's JVM client sends its token as "authentication" over TLS.
            assertSame(MoreExecutors.directExecutor(), calls.getExecutor(call(spark), headers("authentication", known)));
            // First sight of a token may mean fetching auth-service's keys: not on a transport thread.
            assertNull(calls.getExecutor(call(spark), headers("authorization", unseen)));
            assertNull(calls.getExecutor(call(spark), new Metadata()));
        }
        assertNull(calls.getExecutor(call(HealthGrpc.getCheckMethod()), headers("authorization", known)));
    }

    private static Metadata headers(String name, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    /** A call of this method that is never started: only its descriptor is read. */
    private static <Q, R> ServerCall<Q, R> call(MethodDescriptor<Q, R> method) {
        return new ServerCall<>() {
            @Override
            public void request(int numMessages) {
            }

            @Override
            public void sendHeaders(Metadata headers) {
            }

            @Override
            public void sendMessage(R message) {
            }

            @Override
            public void close(Status status, Metadata trailers) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public MethodDescriptor<Q, R> getMethodDescriptor() {
                return method;
            }
        };
    }
}
