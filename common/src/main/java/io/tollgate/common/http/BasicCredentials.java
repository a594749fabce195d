package io.tollgate.common.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * An id and a secret from an HTTP Basic {@code Authorization} header, as RFC 6749 §2.3.1 sends
 * client credentials: each form-encoded, joined by a colon, base64-encoded.
 *
 * @param id     the client id (or user name)
 * @param secret the secret in clear
 */
public record BasicCredentials(String id, String secret) {
    private static final String BASIC = "Basic ";

    /** The credentials, or empty when the header is not Basic or is malformed (no colon, empty id, bad encoding). */
    public static Optional<BasicCredentials> parse(String header) {
        if (header == null || !header.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(BASIC.length()).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            return Optional.of(new BasicCredentials(formDecode(decoded.substring(0, colon)),
                    formDecode(decoded.substring(colon + 1))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String formDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** Leaves the secret out, so that logging this record never leaks it. */
    @Override
    public String toString() {
        return "BasicCredentials[id=" + id + "]";
    }
}
