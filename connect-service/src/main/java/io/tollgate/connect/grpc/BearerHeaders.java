package io.tollgate.connect.grpc;

import io.grpc.Metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The bearer token of a call: Spark's clients send it as {@code authorization} (to localhost, in
 * plaintext) or as the non-standard {@code authentication} (over TLS). Both present and different,
 * more than one of either, or a scheme other than Bearer: no token (the call is refused as
 * unauthenticated, like a wrong one).
 */
final class BearerHeaders {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> AUTHENTICATION = Metadata.Key.of("authentication", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private BearerHeaders() {
    }

    /** The token, or empty when there is none acceptable (which the authenticator refuses). */
    static String token(Metadata headers) {
        List<String> values = new ArrayList<>();
        Iterable<String> authorization = headers.getAll(AUTHORIZATION);
        Iterable<String> authentication = headers.getAll(AUTHENTICATION);
        if (authorization != null) {
            authorization.forEach(values::add);
        }
        if (authentication != null) {
            authentication.forEach(values::add);
        }
        if (values.isEmpty() || values.stream().distinct().count() > 1) {
            return "";
        }
        String value = values.get(0).trim();
        if (!value.toLowerCase(Locale.ROOT).startsWith(BEARER)) {
            return "";
        }
        return value.substring(BEARER.length()).trim();
    }
}
