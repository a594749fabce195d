package io.tollgate.common.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes an {@code application/x-www-form-urlencoded} body the way RFC 6749 wants it read:
 * a parameter sent without a value counts as absent (§3.1), and one sent twice is refused (§3.2).
 * Decoded by hand rather than by the framework's binder, which would silently keep one of two
 * repeated values. OAuth endpoints answer a refusal as invalid_request with its message.
 */
public final class FormBody {
    public static final int MAX_LENGTH = 16 * 1024;

    private FormBody() {
    }

    /** A body that cannot be read as a form; the message is safe to show (it never holds a value). */
    public static final class MalformedFormException extends Exception {
        MalformedFormException(String message) {
            super(message, null, false, false);
        }
    }

    public static Map<String, String> parse(String body) throws MalformedFormException {
        Map<String, String> parameters = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return parameters;
        }
        if (body.length() > MAX_LENGTH) {
            throw new MalformedFormException("request body too large");
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (value.isEmpty()) {
                continue;
            }
            if (parameters.putIfAbsent(name, value) != null) {
                // The name only: it is one of ours or junk, never a value (which may be a secret).
                throw new MalformedFormException("parameter repeated: " + (name.matches("[a-z_]{1,32}") ? name : "?"));
            }
        }
        return parameters;
    }

    private static String decode(String text) throws MalformedFormException {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedFormException("malformed form encoding");
        }
    }
}
