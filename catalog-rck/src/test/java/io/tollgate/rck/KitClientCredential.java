package io.tollgate.rck;

import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * The OAuth2 client the kit logs in as: created in a demo tenant through auth-service's admin API
 * by that tenant's admin, as a tenant would create one for a tool. It holds tenant-admin (the kit
 * also updates namespace properties) and only the {@code catalog} scope.
 *
 * @param clientId the client's id ({@code rck@<tenant>})
 * @param secret   its generated secret
 */
record KitClientCredential(String clientId, String secret) {
    private static final String CLIENT_NAME = "rck";

    static KitClientCredential create(Suite suite, DemoTenant tenant) throws IOException, InterruptedException {
        DemoTenant.DemoAccount admin = tenant.accounts().stream()
                .filter(account -> account.roles().contains("tenant-admin")).findFirst().orElseThrow();
        String adminToken = token(suite, Map.of("grant_type", "password", "username", admin.username(),
                "password", suite.password(admin)));
        String client = """
                {"clientId": "%s", "tenantId": "%s", "roles": ["tenant-admin"], "scopes": ["catalog"]}"""
                .formatted(CLIENT_NAME, tenant.id());
        JsonBody created = KitHttp.expect(HttpRequest.newBuilder(URI.create(suite.authUri() + "/admin/v1/clients"))
                .header("Authorization", "Bearer " + adminToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(client)), 201);
        return new KitClientCredential(created.text("/client/clientId"), created.text("/clientSecret"));
    }

    /** Iceberg's {@code credential} setting for this client. */
    String icebergCredential() {
        return clientId + ":" + secret;
    }

    /** An access token for this client, from auth-service, as Iceberg's client asks for one. */
    String accessToken(Suite suite) throws IOException, InterruptedException {
        return token(suite, Map.of("grant_type", "client_credentials", "client_id", clientId,
                "client_secret", secret, "scope", "catalog"));
    }

    private static String token(Suite suite, Map<String, String> form) throws IOException, InterruptedException {
        return KitHttp.expect(HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(KitHttp.form(form)), 200).text("/access_token");
    }
}
