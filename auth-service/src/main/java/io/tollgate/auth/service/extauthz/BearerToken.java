package io.tollgate.auth.service.extauthz;

import java.util.Optional;
import java.util.regex.Pattern;

/** The token of an {@code Authorization: Bearer <token>} header (RFC 6750 §2.1). */
final class BearerToken {
    private static final String SCHEME = "bearer";
    // b64token: what a JWT is made of, and nothing that could smuggle a second value in.
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private BearerToken() {
    }

    /** What follows {@code Bearer }, or empty when there is no header or another scheme. */
    static Optional<String> of(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.trim();
        if (value.length() <= SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || value.charAt(SCHEME.length()) != ' ') {
            return Optional.empty();
        }
        String token = value.substring(SCHEME.length() + 1).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Whether it is one b64token (two joined Authorization headers, say, are not). */
    static boolean isWellFormed(String token) {
        return B64TOKEN.matcher(token).matches();
    }
}
