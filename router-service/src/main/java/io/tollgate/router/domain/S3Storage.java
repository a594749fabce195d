package io.tollgate.router.domain;

import java.util.Objects;

/**
 * How catalog-service reaches a warehouse kept in S3-compatible storage. The keys are stored the way
 * a backend login is: the access key id as it is (it names the key, like a username), the secret
 * key as a reference ({@link PasswordRef}) resolved only when a route is served to catalog-service.
 *
 * @param endpoint           an http(s) URL, or empty for AWS's regional endpoint
 * @param region             the signing region
 * @param pathStyleAccess    address buckets by path rather than by virtual host
 * @param accessKeyId        the key's id
 * @param secretAccessKeyRef {@code secret:<namespace>/<name>#<key>} or {@code literal:<key>}
 */
public record S3Storage(String endpoint, String region, boolean pathStyleAccess, String accessKeyId,
                        String secretAccessKeyRef) {
    public S3Storage {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKeyRef, "secretAccessKeyRef");
    }

    // A literal reference is the secret key itself; keep it out of logs and exception messages.
    @Override
    public String toString() {
        return "S3Storage[endpoint=" + endpoint + ", region=" + region + ", pathStyleAccess=" + pathStyleAccess
                + ", accessKeyId=" + accessKeyId + ", secretAccessKeyRef=" + PasswordRef.mask(secretAccessKeyRef) + "]";
    }
}
