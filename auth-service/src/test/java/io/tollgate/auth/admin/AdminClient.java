package io.tollgate.auth.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The admin API as an operator's console calls it: JSON over real HTTP with a bearer token. */
final class AdminClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final AuthServer server;
    private final OAuthClient oauth;

    AdminClient(AuthServer server) {
        this.server = server;
        this.oauth = new OAuthClient(server);
    }

    /** A response: status, raw body, the body as JSON (a map, a list or null). */
    record Response(int status, HttpResponse<String> raw, Object json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            return (Map<String, Object>) json;
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) json;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String member) {
            return (Map<String, Object>) map().get(member);
        }

        String string(String member) {
            return (String) map().get(member);
        }

        Optional<String> header(String name) {
            return raw.headers().firstValue(name);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** An access token for an account, by the password grant. */
    String login(String username, String password) {
        OAuthClient.Response response = oauth.post("/oauth2/token", form("grant_type", "password",
                "username", username, "password", password));
        assertEquals(200, response.status(), response.toString());
        return response.string("access_token");
    }

    OAuthClient oauth() {
        return oauth;
    }

    Response get(String token, String path) {
        return send(token, path, "GET", null);
    }

    Response post(String token, String path, Object body) {
        return send(token, path, "POST", body);
    }

    Response put(String token, String path, Object body) {
        return send(token, path, "PUT", body);
    }

    Response delete(String token, String path) {
        return send(token, path, "DELETE", null);
    }

    /** A GET carrying every one of these {@code Authorization} values, each as its own header. */
    Response getWithAuthorizations(String path, List<String> authorizations) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
        authorizations.forEach(value -> request.header("Authorization", value));
        return send(request.build());
    }

    Response postRaw(String token, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Response send(String token, String path, String method, Object body) {
        try {
            return postOrSend(token, path, method, body == null ? null : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response postOrSend(String token, String path, String method, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            Object json = null;
            if (!response.body().isBlank()) {
                try {
                    json = JSON.readValue(response.body(), Object.class);
                } catch (IOException notJson) {
                    json = null;
                }
            }
            return new Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
