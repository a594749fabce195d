package io.tollgate.auth.service.extauthz;

import io.tollgate.auth.AuthServer;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static io.tollgate.auth.service.extauthz.Forgery.claims;
import static io.tollgate.auth.service.extauthz.Forgery.unsigned;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP mode of ext_authz ({@code http_service} with {@code path_prefix: /ext-authz}), called
 * over real HTTP the way Envoy calls it: the original method, the path behind the prefix, the
 * original headers, no body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExtAuthzHttpModeTest {
    private final PostgresDatabase db = PostgresDatabase.create();
    private final Forgery forgery = new Forgery();
    private final HttpClient http = HttpClient.newHttpClient();
    private RegistryDouble router;
    private AuthServer server;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme");
        server = AuthServer.start(db, router, Map.of("tollgate.auth.signing.key-files", forgery.keyFile()));
    }

    @AfterAll
    void stop() {
        server.close();
        router.close();
    }

    private HttpResponse<String> check(String method, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri("/ext-authz" + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aValidTokenIsAnswered200WithTheUpstreamHeadersForEveryMethodAndPath() {
        String token = forgery.genuine();
        for (String[] call : new String[][] {{"POST", "/v1/statement"}, {"GET", "/v1/statement/queued/q1/x/1"},
                {"DELETE", "/v1/query/q1"}, {"GET", "/"}, {"PUT", "/v1/x?a=b"}}) {
            HttpResponse<String> response = check(call[0], call[1], "Authorization", "Bearer " + token);

            assertEquals(200, response.statusCode(), call[0] + " " + call[1] + ": " + response.body());
            assertEquals("alice@acme", response.headers().firstValue("x-trino-user").orElseThrow());
            assertEquals("acme", response.headers().firstValue("x-tollgate-tenant").orElseThrow());
            assertEquals("reader", response.headers().firstValue("x-tollgate-roles").orElseThrow());
        }
    }

    @Test
    void twoAuthorizationHeadersAreRefusedWithoutUpstreamHeadersWhicheverIsValid() {
        String valid = "Bearer " + forgery.genuine();
        for (String[] pair : new String[][] {{valid, valid}, {valid, "Bearer forged"}, {"Bearer forged", valid}}) {
            HttpResponse<String> response = check("GET", "/v1/statement", "Authorization", pair[0],
                    "Authorization", pair[1]);

            assertEquals(400, response.statusCode(), response.body());
            assertFalse(response.headers().firstValue("x-trino-user").isPresent());
        }
    }

    @Test
    void theClientsOtherProtectedHeadersAreListedForEnvoyToRemove() {
        HttpResponse<String> response = check("POST", "/v1/statement", "Authorization", "Bearer " + forgery.genuine(),
                "X-Trino-User", "admin", "X-Tollgate-Impersonate", "admin@platform");

        assertEquals(200, response.statusCode());
        assertEquals("alice@acme", response.headers().firstValue("x-trino-user").orElseThrow());
        assertEquals(List.of("x-tollgate-impersonate"),
                response.headers().allValues("x-envoy-auth-headers-to-remove"));
    }

    @Test
    void forgedExpiredOrMissingTokensAreAnswered401WithAChallengeAndNoUpstreamHeaders() {
        List<String> tokens = List.of(unsigned("none", claims().build()), forgery.hmacWithPublicKey(),
                forgery.payloadAltered(), forgery.signatureAltered(),
                forgery.genuine(claims().expirationTime(Date.from(Instant.now().minusSeconds(120))).build()),
                forgery.genuine(claims().audience("someone-else").build()));
        for (String token : tokens) {
            HttpResponse<String> response = check("POST", "/v1/statement", "Authorization", "Bearer " + token,
                    "X-Trino-User", "admin");

            assertEquals(401, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("www-authenticate").orElseThrow().startsWith("Bearer "));
            JsonBody.parse(response.body()).assertEquals("/error", "invalid_token");
            assertFalse(response.headers().firstValue("x-trino-user").isPresent());
        }
        HttpResponse<String> missing = check("GET", "/v1/info");
        assertEquals(401, missing.statusCode());
    }
}
