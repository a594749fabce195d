package io.tollgate.testkit.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Ready-to-paste Spark Connect URLs for the demo accounts ({@code ./tollgate up --spark}): each
 * account's own access token, asked of auth-service's token endpoint with the account's password and
 * narrowed to scope {@code spark}, in the URL connect-service serves. The tokens expire with
 * auth-service's access-token lifetime; the recipe says how to get a fresh one.
 */
final class SparkConnectRecipes {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SparkConnectRecipes() {
    }

    /** Lines to print: for each demo account, its {@code sc://...;token=...} URL. */
    static List<String> lines(Suite suite, String sparkConnectUri) {
        List<String> lines = new ArrayList<>();
        for (DemoTenant tenant : DemoTenant.all()) {
            for (DemoTenant.DemoAccount account : tenant.accounts()) {
                lines.add("  " + account.username() + ":  " + sparkConnectUri + "/;token="
                        + accessToken(suite, account));
            }
        }
        return lines;
    }

    /** How to ask for a fresh token, for the account whose password variable is named. */
    static String renewal(Suite suite, DemoTenant.DemoAccount account) {
        return "curl -s " + suite.authUri() + "/oauth2/token -d grant_type=password -d scope=spark -d username="
                + account.username() + " --data-urlencode password=\"$" + account.envPrefix() + "_PASSWORD\"";
    }

    private static String accessToken(Suite suite, DemoTenant.DemoAccount account) {
        String form = Map.of("grant_type", "password", "scope", "spark", "username", account.username(),
                        "password", suite.password(account)).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(response.body());
            if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
                throw new IllegalStateException("auth-service refused a token for " + account.username() + ": "
                        + response.statusCode() + " " + body.path("error").asText());
            }
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
