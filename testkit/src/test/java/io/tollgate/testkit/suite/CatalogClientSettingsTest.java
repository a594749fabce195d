package io.tollgate.testkit.suite;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CatalogClientSettingsTest {
    private final CatalogClientSettings acme = new CatalogClientSettings("acme", "http://localhost:8181", "acme-lake",
            "lake@acme:s3cr\"t", "http://localhost:8081/oauth2/token");

    @Test
    void javaPropertiesNameTheCatalogTheWarehouseAndTheClientCredential() {
        assertEquals("""
                uri=http://localhost:8181
                warehouse=acme-lake
                credential=lake@acme:s3cr"t
                scope=catalog
                oauth2-server-uri=http://localhost:8081/oauth2/token
                rest.auth.type=oauth2
                """, acme.javaProperties());
    }

    @Test
    void sparkPropertiesMakeARestCatalogNamedForTheTenant() {
        assertEquals("""
                spark.sql.catalog.acme=org.apache.iceberg.spark.SparkCatalog
                spark.sql.catalog.acme.type=rest
                spark.sql.catalog.acme.uri=http://localhost:8181
                spark.sql.catalog.acme.warehouse=acme-lake
                spark.sql.catalog.acme.credential=lake@acme:s3cr"t
                spark.sql.catalog.acme.scope=catalog
                spark.sql.catalog.acme.oauth2-server-uri=http://localhost:8081/oauth2/token
                spark.sql.catalog.acme.rest.auth.type=oauth2
                """, acme.sparkProperties());
    }

    @Test
    void pyIcebergYamlQuotesEveryValue() {
        assertEquals("""
                catalog:
                  acme:
                    uri: "http://localhost:8181"
                    warehouse: "acme-lake"
                    credential: "lake@acme:s3cr\\"t"
                    scope: "catalog"
                    oauth2-server-uri: "http://localhost:8081/oauth2/token"
                """, acme.pyIcebergYaml());
    }
}
