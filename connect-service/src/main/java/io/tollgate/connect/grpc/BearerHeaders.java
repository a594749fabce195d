package io.tollgate.connect.grpc;

import io.grpc.Metadata;

import java.util.List;

/**
 * The bearer token of a call: Spark's clients send it as {@code authorization} (to localhost, in
 * plaintext) or as the non-standard {@code authentication} (over TLS). Two values that differ (in
 * one header or across both), or a scheme other than Bearer: no token (the call is refused as
 * unauthenticated, like a wrong one). The same value repeated is one token.
 */
final class BearerHeaders {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHENTICATION = Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER);
    private static final List<Metadata.Key<String>> KEYS = List.of(AUTHORIZATION, AUTHENTICATION);
    private static final String BEARER = "bearer ";

    private BearerHeaders() {
    }

    /** The token, or empty when there is none acceptable (which the authenticator refuses). */
    static String token(Metadata headers) {
        // On every call: no collections, no lower-cased copy of the token (a few hundred characters).
        String value = null;
        for (Metadata.Key<String> key : KEYS) {
            Iterable<String> values = headers.getAll(key);
            if (values == null) {
                continue;
            }
            for (String each : values) {
                if (value == null) {
                    value = each;
                } else if (!value.equals(each)) {
                    return "";
                }
            }
        }
        if (value == null) {
            return "";
        }
        value = value.trim();
        if (!value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "";
        }
        return value.substring(BEARER.length()).trim();
    }
}
