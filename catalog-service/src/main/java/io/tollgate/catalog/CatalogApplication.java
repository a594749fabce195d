package io.tollgate.catalog;

import io.tollgate.common.lifecycle.ServiceMain;

/** catalog-service: Tollgate's Apache Iceberg REST catalog data plane. */
public final class CatalogApplication {
    private CatalogApplication() {
    }

    public static void main(String[] args) {
        // Drains on SIGTERM before stopping (docs/operations.md, "Graceful shutdown").
        ServiceMain.run(CatalogApplication.class, args);
    }
}
