package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for a tenant's warehouses, shared by the admin API and the bootstrap file: at most
 * {@value #MAX}, names that are unique lowercase slugs, a location in {@link WarehouseLocation}'s
 * normal form, and storage that matches it (none for {@code file:}, S3 settings for {@code s3://}).
 * The secret key is a password reference or a literal key, never both; what {@code GET} shows in its
 * place ({@code literal:***}) is refused, so that a definition read and written back cannot set the
 * key to three stars. Messages never echo a location, an endpoint or a key.
 */
public final class Warehouses {
    public static final int MAX = 16;
    private static final Pattern REGION = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final SecretInput SECRET_KEY = new SecretInput("secretAccessKey", "secretAccessKeyRef", "key",
            key -> !key.isEmpty(), "must not be empty");

    /** A warehouse as given, not yet checked. */
    public record Candidate(@Nullable String name, @Nullable String location, @Nullable StorageCandidate storage) {
    }

    /** Its storage as given: {@code {"s3": {...}}}. */
    public record StorageCandidate(@Nullable S3Candidate s3) {
    }

    /** S3 settings as given; exactly one of {@code secretAccessKey} and {@code secretAccessKeyRef}. */
    public record S3Candidate(@Nullable String endpoint, @Nullable String region, @Nullable Boolean pathStyleAccess,
                              @Nullable String accessKeyId, @Nullable String secretAccessKey,
                              @Nullable String secretAccessKeyRef) {
        @Override
        public String toString() {
            return "S3Candidate[region=" + region + "]";
        }
    }

    private Warehouses() {
    }

    /**
     * The valid warehouses; each problem is added to {@code problems} under a path starting with
     * {@code prefix} (e.g. {@code warehouses[1].storage.s3.region}).
     */
    public static List<Warehouse> validate(List<Candidate> candidates, String prefix, FieldProblems problems) {
        return NamedEntries.validate(candidates, MAX, "warehouses", "acme-lake", prefix, problems, Candidate::name,
                (path, candidate, found) -> {
                    int before = found.count();
                    String location = location(path + ".location", candidate.location(), found);
                    S3Storage storage = storage(path, candidate.storage(), location, found);
                    return found.count() == before ? new Warehouse(candidate.name(), location, storage) : null;
                });
    }

    private static String location(String field, @Nullable String location, FieldProblems problems) {
        if (location == null || location.isBlank()) {
            problems.add(field, "required");
            return null;
        }
        return WarehouseLocation.normalise(location).orElseGet(() -> {
            problems.add(field, WarehouseLocation.RULE);
            return null;
        });
    }

    private static S3Storage storage(String path, @Nullable StorageCandidate storage, @Nullable String location,
                                     FieldProblems problems) {
        boolean s3Location = location != null && WarehouseLocation.isS3(location);
        if (storage == null || storage.s3() == null) {
            if (storage != null) {
                problems.add(path + ".storage.s3", "required (leave storage out for the local filesystem)");
            } else if (s3Location) {
                problems.add(path + ".storage", "required for an s3:// location: {s3: {region, accessKeyId, ...}}");
            }
            return null;
        }
        if (location != null && !s3Location) {
            problems.add(path + ".location", "must be s3://<bucket>/<prefix> when storage is s3");
        }
        return s3(path + ".storage.s3", storage.s3(), problems);
    }

    private static S3Storage s3(String path, S3Candidate s3, FieldProblems problems) {
        int before = problems.count();
        String endpoint = s3.endpoint() == null ? "" : s3.endpoint();
        if (!endpoint.isEmpty() && !HttpUrls.isEndpoint(endpoint)) {
            problems.add(path + ".endpoint", "must be empty (AWS) or an absolute http or https URL without"
                    + " credentials, query or fragment");
        }
        if (s3.region() == null || !REGION.matcher(s3.region()).matches()) {
            problems.add(path + ".region", "must be a region name such as us-east-1");
        }
        if (s3.accessKeyId() == null || !ACCESS_KEY_ID.matcher(s3.accessKeyId()).matches()) {
            problems.add(path + ".accessKeyId", "required: 1 to 128 printable characters without spaces");
        }
        String secretRef = SECRET_KEY.reference(path, s3.secretAccessKey(), s3.secretAccessKeyRef(), true, problems);
        if (problems.count() > before) {
            return null;
        }
        return new S3Storage(endpoint, s3.region(), Boolean.TRUE.equals(s3.pathStyleAccess()), s3.accessKeyId(),
                secretRef);
    }
}
