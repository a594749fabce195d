package io.tollgate.catalog.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An object in S3 named as Iceberg names it, {@code s3://bucket/key}, accepted only in one spelling
 * so that two strings never name one object unseen: the scheme is {@code s3} exactly (Hadoop's
 * {@code s3a:} and {@code s3n:} are refused, though S3FileIO would read them as the same object);
 * the bucket is a plain bucket name (no user, port or upper case); the key has no empty, {@code .}
 * or {@code ..} segment, raw or percent-encoded, no encoded slash or backslash, no query, fragment,
 * backslash or control character. S3 itself does not normalise keys, but HTTP clients and proxies
 * between a client and S3 may, so a key that one of them could read as another is refused.
 *
 * @param bucket the bucket
 * @param key    the key, without a leading or trailing slash; empty for the bucket itself
 */
record S3Location(String bucket, String key) {
    static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final List<String> TRAVERSAL = List.of("", ".", "..");

    /** The location, if it is one this check understands; a trailing slash is dropped. */
    static Optional<S3Location> parse(String location) {
        if (location == null || !location.startsWith(SCHEME)) {
            return Optional.empty();
        }
        String rest = location.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (key.endsWith("/")) {
            key = key.substring(0, key.length() - 1);
        }
        return BUCKET.matcher(bucket).matches() && key(key) ? Optional.of(new S3Location(bucket, key)) : Optional.empty();
    }

    /** Whether this object is {@code root} or lies under it, at a {@code /} boundary. */
    boolean within(S3Location root) {
        return bucket.equals(root.bucket)
                && (root.key.isEmpty() || key.equals(root.key) || key.startsWith(root.key + "/"));
    }

    /** Whether this object lies below {@code place} (not the place's own key), at a {@code /} boundary. */
    boolean below(S3Location place) {
        return bucket.equals(place.bucket) && (place.key.isEmpty() ? !key.isEmpty() : key.startsWith(place.key + "/"));
    }

    @Override
    public String toString() {
        return key.isEmpty() ? SCHEME + bucket : SCHEME + bucket + "/" + key;
    }

    /** Whether a key (no leading slash) is one this check understands. */
    static boolean key(String key) {
        if (key.isEmpty()) {
            return true;
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\' || c == '?' || c == '#')) {
            return false;
        }
        for (String segment : key.split("/", -1)) {
            Optional<String> decoded = percentDecoded(segment);
            if (TRAVERSAL.contains(segment) || decoded.isEmpty() || TRAVERSAL.contains(decoded.get())
                    || decoded.get().contains("/") || decoded.get().contains("\\")) {
                return false;
            }
        }
        return true;
    }

    // Percent-decoding that refuses a malformed escape rather than guessing what it meant.
    private static Optional<String> percentDecoded(String text) {
        if (text.indexOf('%') < 0) {
            return Optional.of(text);
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            if (i + 2 >= bytes.length) {
                return Optional.empty();
            }
            int high = Character.digit(bytes[i + 1], 16);
            int low = Character.digit(bytes[i + 2], 16);
            if (high < 0 || low < 0) {
                return Optional.empty();
            }
            out.write(high * 16 + low);
            i += 2;
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }
}
