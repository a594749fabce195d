package io.tollgate.catalog;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.postgres.PostgresDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogServiceStartupTest implements TestPropertyProvider {
    static final PostgresDatabase DB = PostgresDatabase.create();

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return CatalogTestTenants.serviceProperties(DB);
    }

    @Test
    void itStartsAlive() {
        // Alive, not ready: no router-service or auth-service runs here (CatalogConfigTest checks readiness).
        String body = http.toBlocking().retrieve(HttpRequest.GET("/health/liveness"));
        JsonBody.parse(body).assertEquals("/status", "UP");
    }

    @Test
    void migrationsCreateTheCatalogTablesInTheServicesOwnSchema() throws Exception {
        List<String> tables = new ArrayList<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables "
                     + "WHERE table_schema = 'catalog' AND table_name LIKE 'iceberg%' ORDER BY table_name")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertEquals(List.of("iceberg_namespace_properties", "iceberg_tables"), tables);
    }
}
