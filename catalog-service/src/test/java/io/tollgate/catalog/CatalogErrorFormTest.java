package io.tollgate.catalog;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.catalog.rest.IcebergErrorBodyProvider;
import io.tollgate.testkit.logs.IncidentCapture;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every error of the catalog is in Iceberg's error form ({@code {"error": {message, type, code}}}),
 * which Iceberg's clients turn into typed exceptions: Micronaut Security's 401s, Micronaut's own
 * errors, and the one error policy's 500, whose only message is a reference that is in the log.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogErrorFormTest implements TestPropertyProvider {
    static final String SPEC = "CatalogErrorFormTest";
    /** Ports held open that close every connection: no neighbour is needed to answer errors. */
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours().withoutRegistry();
    /** The failure's own text, as a bug or a driver would write it: none of it may reach a caller. */
    static final String FAILURE = "could not run SELECT * FROM catalog.iceberg_tables on "
            + "HikariProxyConnection@1 wrapping org.postgresql.jdbc.PgConnection@2";

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return NEIGHBOURS.properties(SPEC);
    }

    @Test
    void aCallWithoutATokenIsNotAuthorizedInIcebergsForm() {
        Map<String, Object> error = refused(HttpStatus.UNAUTHORIZED, HttpRequest.GET("/v1/config"));

        assertEquals("NotAuthorizedException", error.get("type"));
        assertEquals(401, ((Number) error.get("code")).intValue());
        assertTrue(error.get("message") instanceof String message && !message.isBlank(), error::toString);
    }

    @Test
    void aForgedTokenIsNotAuthorizedInIcebergsForm() {
        String forged = new TestTokens("tollgate", "tollgate").mint("reader@acme", "acme", List.of("reader"),
                Duration.ofMinutes(5));
        Map<String, Object> error = refused(HttpStatus.UNAUTHORIZED, HttpRequest.GET("/v1/config").bearerAuth(forged));

        assertEquals("NotAuthorizedException", error.get("type"));
        assertEquals(401, ((Number) error.get("code")).intValue());
    }

    @Test
    void anUnexpectedFailureIsAServiceFailureWhoseOnlyMessageIsAReferenceInTheLog() {
        Map<String, Object> error;
        try (IncidentCapture incidents = IncidentCapture.start()) {
            error = refused(HttpStatus.INTERNAL_SERVER_ERROR, HttpRequest.GET("/test/failing"));

            assertEquals("ServiceFailureException", error.get("type"));
            assertEquals(500, ((Number) error.get("code")).intValue());
            String reference = IncidentCapture.referenceIn((String) error.get("message"));
            List<IncidentCapture.Logged> logged = incidents.withId(reference);
            assertEquals(1, logged.size(), () -> "logged once under " + reference + ": " + incidents.all());
            assertEquals(FAILURE, logged.get(0).error());
            assertTrue(logged.get(0).stackDepth() > 0, "with its stack");
        }
        assertFalse(error.toString().contains("Hikari") || error.toString().contains("SELECT"), error::toString);
    }

    @Test
    void aValueMicronautCannotConvertIsABadRequestInOurWordsNotTheLibrarys() {
        Map<String, Object> error = refused(HttpStatus.BAD_REQUEST, HttpRequest.GET("/test/numbered?page=abc"));

        assertEquals("BadRequestException", error.get("type"));
        assertEquals(IcebergErrorBodyProvider.UNREADABLE_REQUEST, error.get("message"), error::toString);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> refused(HttpStatus status, HttpRequest<?> request) {
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().retrieve(request));
        assertEquals(status, refused.getStatus());
        Map<String, Object> body = refused.getResponse().getBody(Argument.mapOf(String.class, Object.class))
                .orElseThrow(() -> new AssertionError("no JSON body"));
        assertEquals(List.of("error"), List.copyOf(body.keySet()), body::toString);
        Map<String, Object> error = (Map<String, Object>) body.get("error");
        assertEquals(java.util.Set.of("message", "type", "code"), error.keySet(), error::toString);
        return error;
    }

    /** A route that fails as a bug or a broken store would: present only in this test. */
    @Controller("/test")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Requires(property = "spec.name", value = SPEC)
    static class FailingController {
        @Get("/failing")
        String failing() {
            throw new IllegalStateException(FAILURE, new SQLException("Connection is closed", "08003"));
        }

        /** A parameter a caller can send in a form Micronaut cannot convert. */
        @Get("/numbered")
        String numbered(@QueryValue int page) {
            return Integer.toString(page);
        }
    }
}
