package io.tollgate.flight.server;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.tollgate.common.auth.TokenVerifier;
import io.tollgate.common.auth.TokenVerifierConfig;
import io.tollgate.testkit.tokens.TestTokens;
import org.apache.arrow.flight.impl.FlightServiceGrpc;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which calls run on the transport's thread: only streams whose bearer token is already verified. */
class InlineStreamCallsTest {
    private static final String ISSUER = "inline-test";
    private static final TestTokens TOKENS = new TestTokens(ISSUER, ISSUER);
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final TokenVerifier verifier = new TokenVerifier(new TokenVerifierConfig(ISSUER, ISSUER,
            URI.create("http://unused.invalid/jwks"), List.of("RS256"), Duration.ofSeconds(30), 8192, 1000,
            Duration.ofMinutes(5)), TOKENS.keys(), Clock.systemUTC());
    private final InlineStreamCalls calls = new InlineStreamCalls(verifier);

    @Test
    void streamsWithAKnownBearerTokenRunInlineAndEverythingElseOnTheCallExecutor() throws Exception {
        String known = TOKENS.mint("ada", "acme", List.of("reader"), Duration.ofMinutes(5));
        String unseen = TOKENS.mint("bob", "acme", List.of("reader"), Duration.ofMinutes(5));
        verifier.verify(known);

        for (MethodDescriptor<?, ?> stream : List.of(FlightServiceGrpc.getDoGetMethod(),
                FlightServiceGrpc.getDoPutMethod())) {
            assertSame(MoreExecutors.directExecutor(), calls.getExecutor(call(stream), headers("Bearer " + known)));
            assertSame(MoreExecutors.directExecutor(), calls.getExecutor(call(stream), headers("bearer " + known)));
            // First sight of a token may mean fetching keys; Basic goes to auth-service; a cookie alone
            // is not looked at here.
            assertNull(calls.getExecutor(call(stream), headers("Bearer " + unseen)));
            assertNull(calls.getExecutor(call(stream), headers("Basic YWRhQGFjbWU6cw==")));
            assertNull(calls.getExecutor(call(stream), new Metadata()));
        }
        for (MethodDescriptor<?, ?> other : List.of(FlightServiceGrpc.getGetFlightInfoMethod(),
                FlightServiceGrpc.getDoActionMethod(), FlightServiceGrpc.getHandshakeMethod(),
                FlightServiceGrpc.getGetSchemaMethod())) {
            assertNull(calls.getExecutor(call(other), headers("Bearer " + known)));
        }
    }

    private static Metadata headers(String authorization) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
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
            public Attributes getAttributes() {
                return Attributes.EMPTY;
            }

            @Override
            public MethodDescriptor<Q, R> getMethodDescriptor() {
                return method;
            }
        };
    }
}
