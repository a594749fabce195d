package io.tollgate.flight.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * The wire form of the session cookie ({@code tollgate_session}), which carries a caller's bearer
 * token for Flight clients that send their configured headers only with some calls (ADBC's Java
 * driver with its cookie middleware on). Only text is handled here: what the token is worth is
 * decided by {@link FlightCallAuthenticator}.
 *
 * <p>{@link #setCookie} writes {@code tollgate_session=<token>; Max-Age=<seconds>}. arrow-java's
 * {@code ClientCookieMiddleware} parses it with {@link java.net.HttpCookie}, which takes a header
 * with {@code Max-Age} for an RFC 2965 cookie and sends it back quoted:
 * {@code tollgate_session="<token>"}. {@link #values} therefore accepts quoted and unquoted values.
 */
public final class SessionCookie {
    /** The cookie's name (cookie names are case-sensitive). */
    public static final String NAME = "tollgate_session";
    /**
     * Characters of {@code Cookie} headers read at most, all headers of a call together (gRPC's
     * default limit for all request metadata is 8 KiB anyway). A pair cut by the cap is dropped.
     */
    public static final int MAX_HEADER_CHARS = 8192;

    private SessionCookie() {
    }

    /**
     * The {@code Set-Cookie} value handing {@code token} to the client for {@code maxAgeSeconds}
     * (which must be positive: the client keeps it no longer than the token is valid).
     */
    public static String setCookie(String token, long maxAgeSeconds) {
        if (maxAgeSeconds <= 0) {
            throw new IllegalArgumentException("a session cookie needs a positive max-age");
        }
        if (!canCarry(token)) {
            throw new IllegalArgumentException("the token cannot be a cookie value");
        }
        return NAME + "=" + token + "; Max-Age=" + maxAgeSeconds;
    }

    /** Whether a token can be a cookie value as it is (a JWT always can). */
    public static boolean canCarry(String token) {
        return token != null && !token.isEmpty() && token.length() <= MAX_HEADER_CHARS && isCookieOctets(token);
    }

    /**
     * Every distinct non-empty value of {@value #NAME} in a call's {@code Cookie} headers, in the
     * order found. Pairs are separated by {@code ;}; spaces around names and values are ignored; a
     * value in double quotes is unquoted; other cookies, attributes such as {@code $Path} and
     * malformed pairs (no {@code =}, an unbalanced quote, characters a cookie value may not hold)
     * are skipped. Only the first {@value #MAX_HEADER_CHARS} characters are read.
     */
    public static List<String> values(Iterable<String> cookieHeaders) {
        List<String> found = new ArrayList<>(1);
        if (cookieHeaders == null) {
            return found;
        }
        int budget = MAX_HEADER_CHARS;
        for (String header : cookieHeaders) {
            if (header == null || budget <= 0) {
                continue;
            }
            String considered = header;
            if (header.length() > budget) {
                // Keep only whole pairs: the pair the cap cuts through is not read at all.
                int lastSeparator = header.lastIndexOf(';', budget);
                considered = lastSeparator < 0 ? "" : header.substring(0, lastSeparator);
            }
            budget -= header.length();
            for (String pair : considered.split(";", -1)) {
                String value = valueOf(pair);
                if (value != null && !found.contains(value)) {
                    found.add(value);
                }
            }
        }
        return found;
    }

    /** The value of one {@code name=value} pair if it is ours and well formed, else null. */
    private static String valueOf(String pair) {
        int equals = pair.indexOf('=');
        if (equals < 0 || !pair.substring(0, equals).trim().equals(NAME)) {
            return null;
        }
        String value = pair.substring(equals + 1).trim();
        if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
            value = value.substring(1, value.length() - 1);
        }
        return value.isEmpty() || !isCookieOctets(value) ? null : value;
    }

    /** RFC 6265 {@code cookie-octet}s only: visible ASCII but {@code " , ; \} and no spaces. */
    private static boolean isCookieOctets(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
