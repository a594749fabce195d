package io.tollgate.testkit.s3;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** S3Mock starts as its own process with its buckets, serves objects by path, and is gone once closed. */
class S3MockServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void itServesItsInitialBucketAndStopsWhenClosed() throws IOException, InterruptedException {
        S3MockServer s3 = S3MockServer.start("lake");
        try (s3) {
            URI object = URI.create(s3.endpoint() + "/lake/acme/hello.txt");
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(object)
                    .PUT(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, put.statusCode(), put.body());
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(object).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("hello", get.body());
            HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(s3.endpoint() + "/nobucket/x"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, missing.statusCode());
        }
        assertFalse(s3.running(), "closing stops S3Mock's process");
    }
}
