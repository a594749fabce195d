package io.tollgate.router.persistence;

import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.support.Migrations;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** V6 on a registry written before upstreams had kinds and tenants had Spark Connect quotas. */
class SparkConnectMigrationTest {
    private final PostgresDatabase db = PostgresDatabase.create();

    @Test
    void anUpstreamWithoutAKindIsReadAsHttpAndTheSparkQuotasAreTheServiceDefaults() throws Exception {
        Migrations.upTo(db, "5").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(StoredTenants.insert("acme", "upstreams, ", "'[{\"name\":\"trino\",\"url\":\"https://trino:8443\"}]', "));
        }

        Migrations.upTo(db, "latest").migrate();

        Tenant acme = StoredTenants.read(db, "acme");
        assertEquals(List.of(Upstream.http("trino", "https://trino:8443")), acme.definition().upstreams());
        assertEquals(Quotas.SERVICE_DEFAULTS, acme.definition().quotas());
    }

    @Test
    void aNegativeSparkQuotaIsRefusedByTheTable() throws Exception {
        Migrations.upTo(db, "latest").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String column : List.of("max_spark_sessions", "max_spark_operations", "max_spark_artifact_bytes")) {
                String bad = StoredTenants.insert("initech", column + ", ", "-1, ");
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(bad));
                assertEquals("23514", refused.getSQLState(), "a check constraint: " + bad);
            }
        }
    }
}
