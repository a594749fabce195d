package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.testkit.json.JsonBody;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin API refuses a request with two {@code Authorization} headers before reading either:
 * neither the first nor the last copy wins, even when both carry a platform admin's valid token.
 */
@MicronautTest(transactional = false)
class DuplicateAuthorizationHeaderTest extends AdminServiceTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(List<String> authorizations) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + "/admin/v1/tenants"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json");
        authorizations.forEach(value -> request.header("Authorization", value));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRequestWithTwoAuthorizationHeadersIsA400WhicheverIsValid() throws Exception {
        String platformAdmin = "Bearer " + token("ops@platform", "platform", List.of("platform-admin"));
        String tenantAdmin = "Bearer " + token("boss@acme", "acme", List.of("tenant-admin"));
        assertEquals(200, get(List.of(platformAdmin)).statusCode(), "one header is served");
        for (List<String> headers : List.of(List.of(platformAdmin, platformAdmin), List.of(tenantAdmin, platformAdmin),
                List.of(platformAdmin, tenantAdmin), List.of("Bearer forged", platformAdmin))) {
            HttpResponse<String> refused = get(headers);
            assertEquals(400, refused.statusCode(), refused.body());
            JsonBody.parse(refused.body()).assertAnyTextContains("more than one Authorization header");
        }
    }
}
