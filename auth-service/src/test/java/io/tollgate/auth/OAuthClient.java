package io.tollgate.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A plain HTTP client (the JDK's) that speaks to the OAuth endpoints as an outside client would. */
public final class OAuthClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AuthServer server;

    public OAuthClient(AuthServer server) {
        this.server = server;
    }

    /** A response: status, headers and the JSON body as a map (empty when there is none). */
    public record Response(int status, HttpResponse<String> raw, Map<String, Object> json) {
        public Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        public String string(String member) {
            return (String) json.get(member);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    public static Map<String, String> form(String... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    public Response post(String path, Map<String, String> form) {
        return post(path, encode(form), "application/x-www-form-urlencoded", null);
    }

    public Response postBasic(String path, Map<String, String> form, String clientId, String secret) {
        return post(path, encode(form), "application/x-www-form-urlencoded", basic(clientId, secret));
    }

    public Response post(String path, String body, String contentType, String authorization) {
        return post(path, body, contentType, authorization, Map.of());
    }

    public Response post(String path, String body, String contentType, String authorization,
                         Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(server.uri(path)).GET().build());
    }

    public static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    public static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Map<String, Object> json = response.body().isBlank() ? Map.of()
                    : JSON.readValue(response.body(), new TypeReference<Map<String, Object>>() { });
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
