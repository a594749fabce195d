package io.tollgate.catalog.storage;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.Warehouse;

import java.util.Objects;

/**
 * How the catalog reaches a warehouse kept in S3-compatible storage, as the registry sends it to
 * catalog-service (the only service shown the keys). The platform's long-lived keys stay in the
 * catalog: clients get signatures or short-lived credentials, never these.
 *
 * @param endpoint        an http(s) URL, or empty for AWS's regional endpoint
 * @param region          the signing region
 * @param pathStyle       address buckets by path (endpoint/bucket/key) rather than by virtual host
 * @param accessKeyId     the key's id
 * @param secretAccessKey the secret key; never printed
 */
public record WarehouseStorage(String endpoint, String region, boolean pathStyle, String accessKeyId,
                               String secretAccessKey) {
    public WarehouseStorage {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** The S3 settings of a registry warehouse; null for one on the local filesystem. */
    @Nullable
    public static WarehouseStorage of(Warehouse warehouse) {
        if (!warehouse.hasStorage() || !warehouse.getStorage().hasS3()) {
            return null;
        }
        S3Storage s3 = warehouse.getStorage().getS3();
        return new WarehouseStorage(s3.getEndpoint(), s3.getRegion(), s3.getPathStyleAccess(),
                s3.getKeys().getAccessKeyId(), s3.getKeys().getSecretAccessKey());
    }

    // The secret key never reaches a log line or an exception message.
    @Override
    public String toString() {
        return "WarehouseStorage[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=***]";
    }
}
