package io.tollgate.catalog.storage;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/** catalog-service's own schema in a test's database, as its Flyway migrations make it at start. */
final class CatalogSchema {
    private CatalogSchema() {
    }

    static PGSimpleDataSource migrated(PostgresDatabase db) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.username());
        dataSource.setPassword(db.password());
        dataSource.setCurrentSchema("catalog");
        Flyway.configure().dataSource(dataSource).schemas("catalog").defaultSchema("catalog").createSchemas(true)
                .load().migrate();
        return dataSource;
    }
}
