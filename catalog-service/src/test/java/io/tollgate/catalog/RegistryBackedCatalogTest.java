package io.tollgate.catalog;

import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * A catalog-service under test (annotate the subclass with {@code @MicronautTest}) standing on the
 * subclass's {@link CatalogNeighbours} (its database, its registry of tenants, auth-service), with
 * its beans fenced by the subclass's name ({@code spec.name}), trusting tokens minted by
 * {@link CatalogTestTenants#TOKENS}, and Iceberg's Java client at hand. Every test starts after the
 * catalog has received the registry; the subclass's own {@code @BeforeAll} methods run after that.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryBackedCatalogTest implements TestPropertyProvider {
    static final TestTokens TOKENS = CatalogTestTenants.TOKENS;

    @Inject
    EmbeddedServer server;
    @Inject
    TenantDirectory directory;
    @Inject
    @Client("/")
    HttpClient http;

    CatalogClients clients;

    /** The subclass's neighbours, registered on its static field with {@code @RegisterExtension}. */
    abstract CatalogNeighbours neighbours();

    /** Settings of the subclass's own, on top of the service's. */
    Map<String, String> moreProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = neighbours().properties(getClass().getSimpleName());
        properties.putAll(moreProperties());
        return properties;
    }

    @BeforeAll
    void waitForTheRegistry() {
        Await.until(directory::synced, Duration.ofSeconds(10), "the catalog did not receive the tenant registry");
        clients = new CatalogClients(server.getURL().toString());
    }

    @AfterAll
    void closeClients() throws IOException {
        if (clients != null) {
            clients.close();
        }
    }
}
