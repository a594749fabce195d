package io.tollgate.catalog;

import io.micronaut.runtime.Micronaut;

/** catalog-service: Tollgate's Apache Iceberg REST catalog data plane. */
public final class CatalogApplication {
    private CatalogApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(CatalogApplication.class, args);
    }
}
