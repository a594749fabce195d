package io.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NotAuthorizedException;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Iceberg's Java client logs in to catalog-service with {@code credential=id:secret}, as any Iceberg
 * client would, against the real suite: an account's name@tenant and password, and a service client
 * an admin created through auth-service's admin API; catalog-service has auth-service exchange them.
 * What each then does is in the catalog's audit trail, which the platform admin reads.
 */
class CatalogCredentialsIT {
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Namespace SHARED = Namespace.of("e2e_credentials");

    @TempDir
    static Path state;
    static Suite suite;
    static String platformAdmin;
    private static final List<RESTCatalog> CLIENTS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.startForTest(state);
        platformAdmin = passwordGrant(Suite.PLATFORM_ADMIN, suite.platformAdminPassword());
    }

    @AfterAll
    static void stop() throws Exception {
        for (RESTCatalog client : CLIENTS) {
            client.close();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void anAccountAndAServiceClientLogInWithTheirCredentialAndTheAuditTrailSaysWhatEachDid() throws Exception {
        DemoTenant.DemoAccount writerAccount = ACME.accounts().get(2);
        RESTCatalog writer = client(writerAccount.username() + ":" + suite.password(writerAccount));
        writer.createNamespace(SHARED);

        JsonNode created = createClient("iceberg-e2e");
        String clientId = created.at("/client/clientId").asText();
        RESTCatalog service = client(clientId + ":" + created.at("/clientSecret").asText());
        assertTrue(service.listNamespaces().contains(SHARED), "the reader client sees the account's namespace");
        assertThrows(ForbiddenException.class, () -> service.createNamespace(Namespace.of("e2e_client_own")));

        assertThrows(NotAuthorizedException.class, () -> client(writerAccount.username() + ":wrong-password"));

        JsonNode events = JSON.readTree(get(suite.catalogUri() + "/admin/v1/audit/events?tenant=" + ACME.id()
                + "&pageSize=1000", platformAdmin).body()).get("events");
        assertTrue(contains(events, "namespace.create", writerAccount.username(), "e2e_credentials", "ok"),
                events::toString);
        assertTrue(contains(events, "namespace.create", clientId, "e2e_client_own", "refused"), events::toString);
    }

    private static boolean contains(JsonNode events, String operation, String subject, String namespace,
                                    String outcome) {
        for (JsonNode event : events) {
            if (event.get("operation").asText().equals(operation) && event.get("subject").asText().equals(subject)
                    && event.get("namespace").asText().equals(namespace)
                    && event.get("outcome").asText().equals(outcome)) {
                return true;
            }
        }
        return false;
    }

    private static RESTCatalog client(String credential) {
        RESTCatalog catalog = new RESTCatalog();
        CLIENTS.add(catalog);
        catalog.initialize("e2e", Map.of("uri", suite.catalogUri(), "warehouse", ACME.warehouseName(),
                "credential", credential));
        return catalog;
    }

    private static JsonNode createClient(String name) throws Exception {
        String body = JSON.writeValueAsString(Map.of("clientId", name, "tenantId", ACME.id(),
                "roles", List.of("reader"), "scopes", List.of("catalog")));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri() + "/admin/v1/clients"))
                .header("Authorization", "Bearer " + platformAdmin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static String passwordGrant(String username, String password) throws Exception {
        String form = Map.of("grant_type", "password", "username", username, "password", password).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.authUri() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private static HttpResponse<String> get(String uri, String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }
}
