package io.tollgate.router.support;

import io.tollgate.testkit.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;

/** router-service's Flyway migrations on a test database, up to a chosen version: for migration tests. */
public final class Migrations {
    private Migrations() {
    }

    /** @param target a version ("4") or "latest" */
    public static Flyway upTo(PostgresDatabase db, String target) {
        return Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .schemas("router").defaultSchema("router").createSchemas(true)
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }
}
