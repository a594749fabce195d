package io.tollgate.auth.admin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAPI document generated at build time is served to anyone at /swagger/auth-service.yml. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {
    private AdminFixture fixture;

    @BeforeAll
    void start() {
        fixture = new AdminFixture();
    }

    @AfterAll
    void stop() {
        fixture.close();
    }

    @Test
    void theDocumentDescribesTheAdminApiAndItsBearerScheme() {
        AdminClient.Response document = fixture.client.get(null, "/swagger/auth-service.yml");

        assertEquals(200, document.status(), document.toString());
        String yaml = document.raw().body();
        assertTrue(yaml.startsWith("openapi: 3"), yaml);
        for (String path : List.of("/admin/v1/accounts:", "/admin/v1/accounts/{username}/password:",
                "/admin/v1/accounts/{username}/sessions/{sessionId}:", "/admin/v1/clients/{clientId}/secret:",
                "/admin/v1/revocations:", "/oauth2/token:")) {
            assertTrue(yaml.contains(path), path);
        }
        assertTrue(yaml.contains("scheme: bearer"));
        assertFalse(yaml.contains("/ext-authz"), "Envoy's endpoint is not part of the public API");
    }
}
