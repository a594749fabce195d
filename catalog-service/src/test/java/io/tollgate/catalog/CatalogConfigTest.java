package io.tollgate.catalog;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.common.auth.TokenClaims;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog's front door without its neighbours: tokens are checked before anything else, and
 * with router-service unreachable (never synced) a valid caller gets a typed 503, never data.
 * It reports itself alive but not ready meanwhile. With the neighbours running, the end-to-end
 * tests cover the rest (the suite waits for every service to be ready).
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogConfigTest implements TestPropertyProvider {
    static final TestTokens TOKENS = CatalogTestTenants.TOKENS;
    /** Router-service and auth-service are unreachable: ports held open that close every connection. */
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours().withoutRegistry();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return NEIGHBOURS.properties("CatalogConfigTest");
    }

    @Test
    void aCallWithoutATokenIsUnauthorized() {
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/v1/config")));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
    }

    @Test
    void aForgedTokenIsUnauthorized() {
        String forged = new TestTokens("tollgate", "tollgate").mint("reader@acme", "acme", List.of("reader"),
                Duration.ofMinutes(5));
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/v1/config").bearerAuth(forged)));
        assertEquals(HttpStatus.UNAUTHORIZED, refused.getStatus());
    }

    @Test
    void aValidCallerGetsATyped503WhileTheRegistryIsUnreachable() {
        String token = TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/v1/config").bearerAuth(token)));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, refused.getStatus());
        String body = refused.getResponse().getBody(String.class).orElse("");
        JsonBody.parse(body).assertEquals("/error/type", "ServiceUnavailableException").assertEquals("/error/code", 503);
        assertTrue(!body.contains("Exception:") && !body.contains("at io."), "no stack trace: " + body);
    }

    @Test
    void aValidTokenWithoutTheCatalogScopeIsForbiddenNamingTheScopeInIcebergsErrorForm() {
        String sqlOnly = TOKENS.sign(TOKENS.baseClaims("reader@acme", "acme", List.of("reader"), Instant.now(),
                Instant.now().plusSeconds(300)).claim(TokenClaims.SCOPE, "sql").build());
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(HttpRequest.GET("/v1/config").bearerAuth(sqlOnly)));
        assertEquals(HttpStatus.FORBIDDEN, refused.getStatus());
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "ForbiddenException")
                .assertEquals("/error/code", 403)
                .assertTextContains("/error/message", "token lacks scope 'catalog'");
    }

    @Test
    void aRequestWithTwoAuthorizationHeadersIsABadRequestWhicheverIsValid() {
        String valid = "Bearer " + TOKENS.mint("reader@acme", "acme", List.of("reader"), Duration.ofMinutes(5));
        for (List<String> headers : List.of(List.of(valid, valid), List.of(valid, "Bearer forged"),
                List.of("Bearer forged", valid))) {
            MutableHttpRequest<?> request = HttpRequest.GET("/v1/config");
            headers.forEach(value -> request.getHeaders().add(HttpHeaders.AUTHORIZATION, value));
            HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                    () -> http.toBlocking().retrieve(request));
            assertEquals(HttpStatus.BAD_REQUEST, refused.getStatus(), headers.toString());
            JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                    .assertEquals("/error/type", "BadRequestException")
                    .assertTextContains("/error/message", "more than one Authorization header");
        }
    }

    @Test
    void itIsAliveButNotReadyUntilItHasTheRegistryAndTheRevocations() {
        assertEquals(HttpStatus.OK, http.toBlocking().exchange(HttpRequest.GET("/health/liveness")).getStatus());
        HttpClientResponseException notReady = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class));
        assertEquals(HttpStatus.SERVICE_UNAVAILABLE, notReady.getStatus());
        JsonBody.parse(notReady.getResponse().getBody(String.class).orElse("")).assertEquals("/status", "DOWN");
    }
}
