package io.tollgate.router.persistence;

import io.micronaut.json.JsonMapper;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.Upstream;
import io.tollgate.router.support.Migrations;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V6 on a registry written before upstreams had kinds and tenants had Spark Connect quotas. */
class SparkConnectMigrationTest {
    private final PostgresDatabase db = PostgresDatabase.create();

    private static String insert(String id, String columns, String values) {
        return "INSERT INTO router.tenants (id, display_name, status, isolation_mode, jdbc_url, db_username,"
                + " db_password_ref, " + columns + "revision) VALUES ('" + id + "', '" + id + "', 'active',"
                + " 'DEDICATED', 'jdbc:postgresql://db:5432/tenant_" + id + "', '" + id + "_app', 'literal:pw', "
                + values + "nextval('router.revision'))";
    }

    @Test
    void anUpstreamWithoutAKindIsReadAsHttpAndTheSparkQuotasAreTheServiceDefaults() throws Exception {
        Migrations.upTo(db, "5").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(insert("acme", "upstreams, ", "'[{\"name\":\"trino\",\"url\":\"https://trino:8443\"}]', "));
        }

        Migrations.upTo(db, "latest").migrate();

        Tenant acme = read("acme");
        assertEquals(List.of(Upstream.http("trino", "https://trino:8443")), acme.definition().upstreams());
        assertEquals(Quotas.SERVICE_DEFAULTS, acme.definition().quotas());
    }

    @Test
    void aNegativeSparkQuotaIsRefusedByTheTable() throws Exception {
        Migrations.upTo(db, "latest").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String column : List.of("max_spark_sessions", "max_spark_operations", "max_spark_artifact_bytes")) {
                String bad = insert("initech", column + ", ", "-1, ");
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(bad));
                assertEquals("23514", refused.getSQLState(), "a check constraint: " + bad);
            }
        }
    }

    private Tenant read(String id) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT * FROM router.tenants WHERE id = '" + id + "'")) {
            assertTrue(row.next());
            return new TenantRowMapper(new JsonColumns(JsonMapper.createDefault())).map(row);
        }
    }
}
