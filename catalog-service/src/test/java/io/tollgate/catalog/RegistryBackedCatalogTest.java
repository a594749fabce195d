package io.tollgate.catalog;




import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;




import io.tollgate.common.tenant.TenantDirectory;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.tls.InternalCertificates;
import io.tollgate.testkit.tokens.TestTokens;
import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A catalog-service under test (annotate the subclass with {@code @MicronautTest}) over its own real
 * PostgreSQL database and a real registry stream of the subclass's tenants, trusting tokens minted
 * by {@link #TOKENS}, with auth-service down (a closed port), and Iceberg's Java client at hand.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RegistryBackedCatalogTest implements TestPropertyProvider {
    static final TestTokens TOKENS = CatalogTestTenants.TOKENS;
    private static final String TRUST_TEST_TOKENS = CatalogTestTenants.TRUST_TEST_TOKENS;

    final PostgresDatabase db = PostgresDatabase.create();
    private final PortForward noAuth = PortForward.open();
    private final RegistryDouble registry;

    @Inject
    EmbeddedServer server;
    @Inject
    TenantDirectory directory;
    @Inject
    @Client("/")
    HttpClient http;

    CatalogClients clients;

    RegistryBackedCatalogTest(List<Tenant> tenants) {
        registry = new RegistryDouble(tenants);
    }

    /** Settings of the subclass's own, on top of the service's. */
    Map<String, String> moreProperties() {
        return Map.of();
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(db.datasourceProperties());
        properties.put(TRUST_TEST_TOKENS, "true");
        properties.put("micronaut.server.port", "-1");
        properties.put("grpc.channels.router.address", registry.address());
        properties.put("grpc.channels.auth.address", "localhost:" + noAuth.port());
        InternalCertificates.shared().properties("catalog-service").forEach((k, v) -> properties.put(k, v.toString()));
        properties.putAll(moreProperties());
        return properties;
    }

    @BeforeAll
    void waitForTheRegistry() {
        Await.until(directory::synced, Duration.ofSeconds(10), "the catalog did not receive the tenant registry");
        clients = new CatalogClients(server.getURL(), TOKENS);
    }

    @AfterAll
    void closeClientsAndNeighbours() throws IOException {
        clients.close();
        registry.close();
        noAuth.close();
    }
}
