package io.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * auth-service's public HTTP face as a client application uses it: the OAuth2 token endpoint, and
 * the admin API a tenant administrator uses to make service clients and revoke tokens.
 */
final class AuthHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Suite suite;

    AuthHttp(Suite suite) {
        this.suite = suite;
    }

    /** auth-service's OAuth2 token endpoint (what an Iceberg client's {@code oauth2-server-uri} names). */
    String tokenEndpoint() {
        return suite.authUri() + "/oauth2/token";
    }

    /** An access token for a demo account (password grant), with this scope or the account's default. */
    String accessToken(DemoTenant.DemoAccount account, String scope) throws Exception {
        return accessToken(account.username(), suite.password(account), scope);
    }

    /** An access token of the platform administrator (router-service's admin API takes it). */
    String platformAdminToken() throws Exception {
        return accessToken(Suite.PLATFORM_ADMIN, suite.platformAdminPassword(), null);
    }

    private String accessToken(String username, String password, String scope) throws Exception {
        Map<String, String> form = new java.util.LinkedHashMap<>(Map.of("grant_type", "password",
                "username", username, "password", password));
        if (scope != null) {
            form.put("scope", scope);
        }
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    /**
     * A new OAuth2 client of the tenant (made by its admin) with these roles and scopes; its
     * {@code id:secret}, as an Iceberg client's {@code credential} property takes it.
     */
    String newClientCredential(String adminToken, DemoTenant tenant, String name, List<String> roles,
                               List<String> scopes) throws Exception {
        String body = JSON.writeValueAsString(Map.of("clientId", name, "tenantId", tenant.id(),
                "roles", roles, "scopes", scopes));
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri()
                        + "/admin/v1/clients"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode client = JSON.readTree(created.body());
        return client.get("client").get("clientId").asText() + ":" + client.get("clientSecret").asText();
    }

    /** Revokes an access token through the admin API, as the tenant's administrator. */
    void revoke(String adminToken, String token) throws Exception {
        String body = JSON.writeValueAsString(Map.of("kind", "token", "token", token, "reason", "e2e"));
        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri()
                        + "/admin/v1/revocations"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, revoked.statusCode(), revoked.body());
    }

    private static String formBody(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
