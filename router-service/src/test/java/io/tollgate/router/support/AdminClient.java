package io.tollgate.router.support;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A plain HTTP client for the admin API that keeps every response's raw body, so tests can assert
 * on exactly what a caller would see (no secret in it, the problem document's fields).
 */
public final class AdminClient {
    private static final JsonMapper JSON = JsonMapper.createDefault();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    public AdminClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same client with another bearer token (null for none). */
    public AdminClient as(String otherToken) {
        return new AdminClient(base, otherToken);
    }

    public Response get(String path) {
        return send("GET", path, null, null);
    }

    public Response post(String path, String json) {
        return send("POST", path, json, null);
    }

    public Response post(String path, String json, String ifMatch) {
        return send("POST", path, json, ifMatch);
    }

    public Response put(String path, String json, String ifMatch) {
        return send("PUT", path, json, ifMatch);
    }

    public Response delete(String path, String ifMatch) {
        return send("DELETE", path, null, ifMatch);
    }

    public Response send(String method, String path, String json, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response as received. */
    public record Response(int status, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String etag() {
            return header("ETag");
        }

        public Map<String, Object> json() {
            try {
                return JSON.readValue(body, Argument.mapOf(String.class, Object.class));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        /** The field names of a problem document's errors. */
        @SuppressWarnings("unchecked")
        public List<String> problemFields() {
            Object errors = json().get("errors");
            return errors == null ? List.of()
                    : ((List<Map<String, Object>>) errors).stream().map(e -> (String) e.get("field")).toList();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
