package io.tollgate.router.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A warehouse's storage root in the one form the registry keeps: {@code file:///<absolute path>} or
 * {@code s3://<bucket>[/<prefix>]}, repeated slashes collapsed and no trailing one. Anything the
 * data services could read two ways is refused rather than guessed at: a {@code .} or {@code ..}
 * segment, a query or fragment, percent-encoding, a host in a {@code file:} URL, a character outside
 * a plain set. catalog-service confines every table under this root, so the root itself must be
 * unambiguous.
 */
public final class WarehouseLocation {
    public static final int MAX_LENGTH = 1024;
    public static final String FILE = "file:";
    public static final String S3 = "s3://";
    public static final String RULE = "must be file:///<absolute path> or s3://<bucket>/<prefix>: no '.' or '..'"
            + " segments, query, fragment or percent-encoding; path characters are letters, digits and . _ ~ + = , @ -";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~+=,@-]+");
    // S3's bucket naming rules (lowercase, 3 to 63 characters, no empty label).
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9](?:[a-z0-9-]|\\.(?!\\.)){1,61}[a-z0-9]");

    private WarehouseLocation() {
    }

    /** The location in its normal form; empty when it is not one the registry accepts. */
    public static Optional<String> normalise(String location) {
        if (location == null || location.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (location.startsWith(S3)) {
            String rest = location.substring(S3.length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            if (!BUCKET.matcher(bucket).matches()) {
                return Optional.empty();
            }
            return segments(slash < 0 ? "" : rest.substring(slash))
                    .map(path -> S3 + bucket + (path.isEmpty() ? "" : "/" + String.join("/", path)));
        }
        if (location.startsWith(FILE)) {
            String path = location.substring(FILE.length());
            // file:/p and file:///p name the same path; file://host/p names another machine's.
            if (path.startsWith("//") && !path.startsWith("///")) {
                return Optional.empty();
            }
            if (!path.startsWith("/")) {
                return Optional.empty();
            }
            return segments(path).filter(s -> !s.isEmpty()).map(s -> FILE + "///" + String.join("/", s));
        }
        return Optional.empty();
    }

    /** Whether a normalised location is in S3-compatible storage. */
    public static boolean isS3(String normalised) {
        return normalised.startsWith(S3);
    }

    private static Optional<List<String>> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                return Optional.empty();
            }
            segments.add(segment);
        }
        return Optional.of(segments);
    }
}
