package io.tollgate.testkit.suite;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The S3 storage settings of a demo tenant's first warehouse, as the registry's bootstrap file
 * takes them ({@code storage.s3}, docs/tenants.md): for a suite whose test runs its own
 * S3-compatible server. The secret key is given as the key itself, which the registry stores as a
 * {@code literal:} reference (development only).
 *
 * @param endpoint        the server's URL, e.g. {@code http://localhost:41234}
 * @param region          the signing region
 * @param pathStyleAccess whether buckets are addressed by path
 * @param accessKeyId     the key's id
 * @param secretAccessKey the key
 */
public record S3WarehouseStorage(String endpoint, String region, boolean pathStyleAccess, String accessKeyId,
                                 String secretAccessKey) {

    /** The warehouse's {@code storage} object in the tenants bootstrap file. */
    Map<String, Object> bootstrapJson() {
        Map<String, Object> s3 = new LinkedHashMap<>();
        s3.put("endpoint", endpoint);
        s3.put("region", region);
        s3.put("pathStyleAccess", pathStyleAccess);
        s3.put("accessKeyId", accessKeyId);
        s3.put("secretAccessKey", secretAccessKey);
        return Map.of("s3", s3);
    }

    // Keeps the key out of any message or log line that prints the record.
    @Override
    public String toString() {
        return "S3WarehouseStorage[endpoint=" + endpoint + ", region=" + region + "]";
    }
}
