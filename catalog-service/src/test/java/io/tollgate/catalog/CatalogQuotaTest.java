package io.tollgate.catalog;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.Quotas;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.registry.RegistryDouble;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Per-tenant quotas from the registry: over its requests per second or commits per minute a
 * tenant gets 429 in Iceberg's error form with Retry-After, while another tenant is served as
 * before. The catalog's clock stands still here, so no bucket refills during a test and every
 * count is exact.
 */
@MicronautTest
class CatalogQuotaTest extends RegistryBackedCatalogTest {
    static final String SPEC = "CatalogQuotaTest";
    @RegisterExtension
    static final CatalogNeighbours NEIGHBOURS = new CatalogNeighbours();
    static final Path STORAGE = NEIGHBOURS.storage();
    static final RegistryDouble REGISTRY = NEIGHBOURS.serve(List.of(
            tenant("busy", Quotas.newBuilder().setRequestsPerSecond(3).build()),
            tenant("calm", Quotas.newBuilder().setRequestsPerSecond(3).build()),
            tenant("committer", Quotas.newBuilder().setRequestsPerSecond(50).setCommitsPerMinute(1).build()),
            tenant("defaulted", Quotas.getDefaultInstance())));

    @Override
    CatalogNeighbours neighbours() {
        return NEIGHBOURS;
    }

    @Override
    Map<String, String> moreProperties() {
        return Map.of("tollgate.catalog.quotas.default-requests-per-second", "2");
    }

    @Test
    void aTenantOverItsRequestRateIsAnsweredTooManyRequestsWhileAnotherIsServed() {
        String busy = TOKENS.mint("reader@busy", "busy", List.of("reader"), Duration.ofMinutes(5));
        String calm = TOKENS.mint("reader@calm", "calm", List.of("reader"), Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            assertEquals(HttpStatus.OK, config(busy).getStatus(), "request " + (i + 1) + " is within the rate");
        }
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> config(busy));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, refused.getStatus());
        assertEquals("1", refused.getResponse().getHeaders().get("Retry-After"));
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertEquals("/error/type", "TooManyRequestsException")
                .assertEquals("/error/code", 429)
                .assertTextContains("/error/message", "requests per second");

        for (int i = 0; i < 3; i++) {
            assertEquals(HttpStatus.OK, config(calm).getStatus(), "the other tenant's request " + (i + 1));
        }
        assertThrows(HttpClientResponseException.class, () -> config(busy), "the busy tenant is still over");
    }

    @Test
    void aTenantWithoutARegisteredRateGetsTheConfiguredDefault() {
        String token = TOKENS.mint("reader@defaulted", "defaulted", List.of("reader"), Duration.ofMinutes(5));
        config(token);
        config(token);
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class, () -> config(token));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, refused.getStatus());
    }

    @Test
    void commitsBeyondTheTenantsCommitRateAreRefusedBeforeTheyAreRead() {
        String writer = TOKENS.mint("writer@committer", "committer", List.of("writer"), Duration.ofMinutes(5));
        send(HttpRequest.POST("/v1/committer-lake/namespaces", "{\"namespace\": [\"q\"]}").bearerAuth(writer));
        send(HttpRequest.POST("/v1/committer-lake/namespaces/q/tables",
                "{\"name\": \"t\", \"schema\": {\"type\": \"struct\", \"fields\": []}}").bearerAuth(writer));
        String commit = "{\"requirements\": [], \"updates\": [{\"action\": \"set-properties\", \"updates\": {\"k\": \"v\"}}]}";
        assertEquals(HttpStatus.OK, send(HttpRequest.POST("/v1/committer-lake/namespaces/q/tables/t", commit)
                .bearerAuth(writer)).getStatus());

        // Not even read: a body that is not a commit at all is refused for the rate, not its form.
        HttpClientResponseException refused = assertThrows(HttpClientResponseException.class,
                () -> send(HttpRequest.POST("/v1/committer-lake/namespaces/q/tables/t", "not json").bearerAuth(writer)));
        assertEquals(HttpStatus.TOO_MANY_REQUESTS, refused.getStatus());
        assertEquals("60", refused.getResponse().getHeaders().get("Retry-After"));
        JsonBody.parse(refused.getResponse().getBody(String.class).orElse(""))
                .assertTextContains("/error/message", "commits per minute");
        // Reads are not commits.
        assertEquals(HttpStatus.OK, send(HttpRequest.GET("/v1/committer-lake/namespaces/q/tables/t")
                .bearerAuth(writer)).getStatus());
    }

    private HttpResponse<String> config(String token) {
        return send(HttpRequest.GET("/v1/config").bearerAuth(token));
    }

    private HttpResponse<String> send(HttpRequest<?> request) {
        return http.toBlocking().exchange(request, String.class);
    }

    private static Tenant tenant(String id, Quotas quotas) {
        return CatalogTestTenants.tenantBuilder(id, TenantStatus.TENANT_STATUS_ACTIVE, STORAGE).setQuotas(quotas).build();
    }

    /** Stops the catalog's clock, so that no bucket refills. */
    @Factory
    @Requires(property = "spec.name", value = SPEC)
    static class StoppedClock {
        @Singleton
        @Replaces(Clock.class)
        Clock stoppedClock() {
            return Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        }
    }
}
