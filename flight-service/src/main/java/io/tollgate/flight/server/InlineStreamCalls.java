package io.tollgate.flight.server;

import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.tollgate.common.auth.TokenVerifier;

import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Runs the gRPC callbacks of DoGet and DoPut calls that carry a bearer token on the transport's
 * own thread instead of handing each one to the call executor: a point query's bind and read are
 * two of its three calls, and each hand-off is a thread wake-up. Safe because nothing on those
 * paths blocks there: every DoGet's work runs on a query thread, every DoPut's on arrow-java's own
 * executor, a client's cancellation is acted on aside, and only a bearer token the verifier
 * answers without fetching the key set qualifies (one it verified, or refused lately or for its
 * shape, or whose key is in the fresh key set in hand: at most a signature check, never a wait).
 * Every other call (the handshake and Basic credentials, which go to auth-service; a token that may
 * need the key set fetched; GetFlightInfo and actions, which may ask PostgreSQL) keeps the call
 * executor.
 */
final class InlineStreamCalls implements ServerCallExecutorSupplier {
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";
    private static final Set<String> INLINE_METHODS = Set.of("DoGet", "DoPut");

    private final TokenVerifier verifier;

    InlineStreamCalls(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        if (!INLINE_METHODS.contains(call.getMethodDescriptor().getBareMethodName())) {
            return null; // the server's call executor
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && verifier.answersWithoutKeys(authorization.substring(BEARER.length()).trim())) {
            return MoreExecutors.directExecutor();
        }
        return null;
    }
}
