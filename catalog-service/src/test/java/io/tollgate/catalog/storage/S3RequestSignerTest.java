package io.tollgate.catalog.storage;

import org.apache.iceberg.rest.requests.ImmutableRemoteSignRequest;
import org.apache.iceberg.rest.requests.RemoteSignRequest;
import org.apache.iceberg.rest.responses.RemoteSignResponse;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the signer signs, by the request alone: the warehouse's endpoint, the table's objects, plain keys. */
class S3RequestSignerTest {
    private static final WarehouseStorage PATH_STYLE = new WarehouseStorage("http://s3.internal:9000", "eu-west-1",
            true, "platform-key", "platform-secret");
    private static final WarehouseStorage AWS = new WarehouseStorage("", "eu-west-1", false, "platform-key",
            "platform-secret");
    private static final List<String> TABLE = List.of("s3://lake/acme/sales/orders");

    @Test
    void aPathStyleRequestForTheTablesObjectIsSignedWithUnsignedPayload() {
        RemoteSignResponse signed = S3RequestSigner.sign(PATH_STYLE,
                request("PUT", "http://s3.internal:9000/lake/acme/sales/orders/data/region%3Deu/x.parquet",
                        Map.of("Range", List.of("bytes=0-1"), "Authorization", List.of("forged"))), TABLE);
        String authorization = signed.headers().get("Authorization").get(0);
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=platform-key/"), authorization);
        assertTrue(authorization.contains("/eu-west-1/s3/aws4_request"), authorization);
        assertFalse(authorization.contains("forged"));
        assertEquals(List.of("UNSIGNED-PAYLOAD"), signed.headers().get("x-amz-content-sha256"),
                "the body is the client's: the signature must not cover it");
        assertEquals(List.of("bytes=0-1"), signed.headers().get("Range"), "unsigned headers go back as they came");
        assertFalse(signed.headers().toString().contains("platform-secret"));
    }

    @Test
    void aVirtualHostRequestOnAwsIsSignedForItsBucket() {
        S3RequestSigner.sign(AWS, request("GET", "https://lake.s3.eu-west-1.amazonaws.com/acme/sales/orders/x", Map.of()), TABLE);
        assertRefused(AWS, request("GET", "https://other.s3.eu-west-1.amazonaws.com/acme/sales/orders/x", Map.of()));
        assertRefused(AWS, request("GET", "https://s3.eu-west-1.amazonaws.com/lake/acme/sales/orders/x", Map.of()));
    }

    @Test
    void anythingButAPlainObjectOfTheTableOnTheWarehousesEndpointIsRefused() {
        for (String uri : List.of(
                "http://s3.internal:9000/lake/acme/sales/refunds/x",
                "http://s3.internal:9000/lake/acme/sales/orders2/x",
                "http://s3.internal:9000/lake/acme/sales/orders",
                "http://s3.internal:9000/other/acme/sales/orders/x",
                "http://s3.internal:9000/lake/acme/sales/orders/../refunds/x",
                "http://s3.internal:9000/lake/acme/sales/orders/%2e%2e/refunds/x",
                "http://s3.internal:9000/lake/acme/sales/orders/%252e%252e/refunds/x",
                "http://s3.internal:9000/lake/acme/sales/orders/a%2F..%2F..%2Frefunds/x",
                "http://s3.internal:9000/lake/acme/sales/orders//x",
                "http://s3.internal:9000/lake/acme/sales/orders/%5C..%5Cx",
                "http://s3.internal:9000/lake%2Facme/sales/orders/x",
                "http://elsewhere:9000/lake/acme/sales/orders/x",
                "http://s3.internal:9001/lake/acme/sales/orders/x",
                "https://s3.internal:9000/lake/acme/sales/orders/x",
                "http://user@s3.internal:9000/lake/acme/sales/orders/x",
                "http://s3.internal:9000/lake/acme/sales/orders/x?acl",
                "http://s3.internal:9000/lake/acme/sales/orders/x?versionId=1",
                "http://s3.internal:9000/lake/acme/sales/orders/x?response-content-type=text/html",
                "http://s3.internal:9000/lake/acme/sales/orders/x?delete",
                "http://s3.internal:9000/lake?list-type=2&prefix=acme/sales/orders/")) {
            assertRefused(PATH_STYLE, request("GET", uri, Map.of()));
        }
    }

    @Test
    void multipartUploadsOfTheTablesObjectsAreSigned() {
        for (String query : List.of("?uploads", "?uploadId=abc&partNumber=2", "?uploadId=abc", "?x-id=PutObject")) {
            S3RequestSigner.sign(PATH_STYLE, request("POST", "http://s3.internal:9000/lake/acme/sales/orders/x" + query,
                    Map.of()), TABLE);
        }
    }

    @Test
    void headersThatReachAnotherObjectOrChangeWhoMayReadItAreRefused() {
        for (String header : List.of("x-amz-copy-source", "X-Amz-Copy-Source-Range", "x-amz-acl", "x-amz-grant-read",
                "x-amz-website-redirect-location")) {
            assertRefused(PATH_STYLE, request("PUT", "http://s3.internal:9000/lake/acme/sales/orders/x",
                    Map.of(header, List.of("/lake/globex/secret"))));
        }
    }

    @Test
    void theSignatureIsForTheUrisHostWhateverHostHeaderTheClientSends() {
        RemoteSignResponse signed = S3RequestSigner.sign(AWS, request("GET",
                "https://lake.s3.eu-west-1.amazonaws.com/acme/sales/orders/x",
                Map.of("Host", List.of("globex.s3.eu-west-1.amazonaws.com"))), TABLE);
        assertEquals(List.of("lake.s3.eu-west-1.amazonaws.com"), signed.headers().get("Host"));
    }

    @Test
    void anotherProvidersRequestIsRefused() {
        RemoteSignRequest gcs = ImmutableRemoteSignRequest.builder().method("GET").region("eu-west-1")
                .uri(URI.create("http://s3.internal:9000/lake/acme/sales/orders/x")).headers(Map.of()).provider("gcs").build();
        assertRefused(PATH_STYLE, gcs);
    }

    private static void assertRefused(WarehouseStorage storage, RemoteSignRequest request) {
        assertThrows(SigningRefusedException.class, () -> S3RequestSigner.sign(storage, request, TABLE),
                request.method() + " " + request.uri() + " " + request.headers());
    }

    private static RemoteSignRequest request(String method, String uri, Map<String, List<String>> headers) {
        return ImmutableRemoteSignRequest.builder().method(method).region("eu-west-1").uri(URI.create(uri))
                .headers(headers).provider("s3").build();
    }
}
