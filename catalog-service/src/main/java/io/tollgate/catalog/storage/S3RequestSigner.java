package io.tollgate.catalog.storage;

import org.apache.iceberg.rest.requests.RemoteSignRequest;
import org.apache.iceberg.rest.responses.ImmutableRemoteSignResponse;
import org.apache.iceberg.rest.responses.RemoteSignResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Signs S3 requests for a client with the warehouse's keys (Iceberg's remote signing), only when
 * the request is one the client may make: sent to the warehouse's own endpoint in its addressing
 * style, for an object whose key lies under one of the places given (a table's locations), after
 * percent-decoding and with no traversal, with no query but the object and multipart operations',
 * and with no header that would reach another object (copy sources) or change who may read one
 * (ACLs). The keys never leave the service: the client gets the signed headers only.
 */
public final class S3RequestSigner {
    /** Query parameters of object reads and writes, incl. multipart uploads; anything else (ACLs, batch delete, listing, versions) is refused. */
    private static final Set<String> OBJECT_QUERY = Set.of("x-id", "uploads", "uploadId", "partNumber");
    /** Headers a request may carry but that are left out of the signature: they change between retries or are not the catalog's to vouch for. */
    private static final Set<String> UNSIGNED_HEADERS = Set.of("range", "x-amz-date", "amz-sdk-invocation-id",
            "amz-sdk-retry", "amz-sdk-request", "user-agent");
    /**
     * Headers the signer sets itself from the request's URI and the keys, whatever the client sent:
     * a client's {@code Host} would otherwise be signed in place of the URI's, naming another bucket.
     */
    private static final Set<String> DROPPED_HEADERS = Set.of("host", "authorization", "x-amz-content-sha256",
            "x-amz-security-token");
    private static final List<String> REFUSED_HEADER_PREFIXES = List.of("x-amz-copy-source", "x-amz-acl",
            "x-amz-grant-", "x-amz-website-redirect-location", "x-amz-bypass-governance", "x-amz-object-lock");

    private S3RequestSigner() {
    }

    /**
     * The signed request, or {@link SigningRefusedException}.
     *
     * @param storage the warehouse's storage (endpoint, addressing, keys)
     * @param request the client's request to sign
     * @param places  the locations ({@code s3://bucket/prefix}) under which the request's object must lie
     */
    public static RemoteSignResponse sign(WarehouseStorage storage, RemoteSignRequest request, List<String> places) {
        if (request.provider() != null && !"s3".equals(request.provider())) {
            throw new SigningRefusedException("only S3 requests are signed");
        }
        URI uri = request.uri();
        S3Location target = target(storage, uri);
        boolean allowed = places.stream().map(S3Location::parse).flatMap(Optional::stream)
                .anyMatch(place -> !place.key().isEmpty() && target.below(place));
        if (!allowed) {
            throw new SigningRefusedException("the object is not one of this table's");
        }
        checkQuery(uri.getRawQuery());
        Map<String, List<String>> signed = new HashMap<>();
        Map<String, List<String>> unsigned = new HashMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (DROPPED_HEADERS.contains(lower)) {
                return;
            }
            if (REFUSED_HEADER_PREFIXES.stream().anyMatch(lower::startsWith)) {
                throw new SigningRefusedException("the header " + lower + " is not signed for clients");
            }
            (UNSIGNED_HEADERS.contains(lower) ? unsigned : signed).put(name, values);
        });

        SdkHttpRequest toSign = SdkHttpRequest.builder().uri(uri)
                .method(SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT)))
                .headers(signed).build();
        SignedRequest signedRequest = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(storage.accessKeyId(), storage.secretAccessKey()))
                .request(toSign)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, storage.region())
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false));
        Map<String, List<String>> headers = new HashMap<>(signedRequest.request().headers());
        headers.putAll(unsigned);
        return ImmutableRemoteSignResponse.builder().uri(uri).headers(headers).build();
    }

    // The bucket and key a request is for, if it goes to the warehouse's endpoint in its style.
    private static S3Location target(WarehouseStorage storage, URI uri) {
        URI endpoint = endpoint(storage);
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null || uri.getHost() == null
                || !endpoint.getScheme().equalsIgnoreCase(uri.getScheme())
                || port(endpoint) != port(uri)) {
            throw new SigningRefusedException("it is not for this warehouse's storage");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String endpointHost = endpoint.getHost().toLowerCase(Locale.ROOT);
        String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!rawPath.startsWith("/")) {
            throw new SigningRefusedException("it names no object");
        }
        String bucket;
        String rawKey;
        if (storage.pathStyle()) {
            if (!host.equals(endpointHost)) {
                throw new SigningRefusedException("it is not for this warehouse's storage");
            }
            int slash = rawPath.indexOf('/', 1);
            if (slash < 0) {
                throw new SigningRefusedException("it names no object");
            }
            bucket = rawPath.substring(1, slash);
            rawKey = rawPath.substring(slash + 1);
        } else {
            if (!host.endsWith("." + endpointHost)) {
                throw new SigningRefusedException("it is not for this warehouse's storage");
            }
            bucket = host.substring(0, host.length() - endpointHost.length() - 1);
            rawKey = rawPath.substring(1);
        }
        // The raw key must be understood as it is and once decoded: no traversal, raw or encoded.
        if (!S3Location.key(rawKey)) {
            throw new SigningRefusedException("its path is not a plain object key");
        }
        String key = decoded(rawKey);
        return S3Location.parse(S3Location.SCHEME + bucket + "/" + key)
                .filter(location -> location.key().equals(key))
                .orElseThrow(() -> new SigningRefusedException("its path is not a plain object key"));
    }

    private static URI endpoint(WarehouseStorage storage) {
        String endpoint = storage.endpoint().isEmpty() ? "https://s3." + storage.region() + ".amazonaws.com" : storage.endpoint();
        URI uri = URI.create(endpoint);
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new IllegalStateException("the warehouse's S3 endpoint is not a URL");
        }
        return uri;
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }

    private static void checkQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        for (String parameter : rawQuery.split("&", -1)) {
            int equals = parameter.indexOf('=');
            names.add(decoded(equals < 0 ? parameter : parameter.substring(0, equals)));
        }
        for (String name : names) {
            if (!OBJECT_QUERY.contains(name)) {
                throw new SigningRefusedException("only object reads and writes are signed");
            }
        }
    }

    // Strict percent-decoding (S3Location.key has already refused malformed escapes in keys).
    private static String decoded(String raw) {
        try {
            return java.net.URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new SigningRefusedException("its path is not a plain object key");
        }
    }
}
