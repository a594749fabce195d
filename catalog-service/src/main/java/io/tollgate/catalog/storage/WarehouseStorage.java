package io.tollgate.catalog.storage;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.proto.router.v1.S3Storage;
import io.tollgate.proto.router.v1.Warehouse;
import org.apache.iceberg.aws.AwsClientProperties;
import org.apache.iceberg.aws.HttpClientProperties;
import org.apache.iceberg.aws.s3.S3FileIOProperties;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How catalog-service reaches an S3-compatible warehouse, as the registry sends it (catalog-service
 * is the only service shown the keys); a local warehouse has none (null). The keys are the
 * platform's: they sign the catalog's own requests and the requests it signs for clients, and never
 * leave the service.
 *
 * @param endpoint        the endpoint URL (e.g. {@code https://minio.example:9000}); empty for AWS's regional one
 * @param region          the signing region, e.g. {@code us-east-1}
 * @param pathStyle       whether buckets are addressed by path ({@code endpoint/bucket/key}) rather than by host
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret key; never printed
 */
public record WarehouseStorage(String endpoint, String region, boolean pathStyle, String accessKeyId,
                               String secretAccessKey) {

    public WarehouseStorage {
        endpoint = endpoint == null ? "" : endpoint;
        region = region == null || region.isEmpty() ? "us-east-1" : region;
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

    /** The properties of iceberg-aws's S3FileIO for this storage, keys included: for the catalog's own FileIO only. */
    Map<String, String> fileIoProperties() {
        Map<String, String> properties = new HashMap<>(clientProperties());
        properties.put(S3FileIOProperties.ACCESS_KEY_ID, accessKeyId);
        properties.put(S3FileIOProperties.SECRET_ACCESS_KEY, secretAccessKey);
        // The JDK's HTTP client: the SDK's Netty and Apache clients are not on the classpath.
        properties.put(HttpClientProperties.CLIENT_TYPE, HttpClientProperties.CLIENT_TYPE_URLCONNECTION);
        return properties;
    }

    /** What a client needs to reach the storage itself (endpoint, region, addressing), never the keys. */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new HashMap<>();
        if (!endpoint.isEmpty()) {
            properties.put(S3FileIOProperties.ENDPOINT, endpoint);
        }
        properties.put(AwsClientProperties.CLIENT_REGION, region);
        properties.put(S3FileIOProperties.PATH_STYLE_ACCESS, Boolean.toString(pathStyle));
        return properties;
    }

    @Override
    public String toString() {
        return "WarehouseStorage[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle
                + ", accessKeyId=" + accessKeyId + ", secretAccessKey=****]";
    }
}
