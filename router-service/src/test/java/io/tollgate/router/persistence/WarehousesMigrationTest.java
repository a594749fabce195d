package io.tollgate.router.persistence;

import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.Warehouse;
import io.tollgate.router.support.Migrations;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** V5 on a registry written when a tenant had at most one warehouse and no request rates. */
class WarehousesMigrationTest {
    private final PostgresDatabase db = PostgresDatabase.create();

    private Flyway flyway(String target) {
        return Migrations.upTo(db, target);
    }

    @Test
    void aTenantsOneWarehouseBecomesTheFirstOfItsListAndItsRatesTheServiceDefaults() throws Exception {
        flyway("4").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(StoredTenants.insert("acme", "warehouse_name, warehouse_location, ",
                    "'acme-lake', 's3://lake/acme', "));
            s.execute(StoredTenants.insert("globex", "", ""));
        }

        flyway("latest").migrate();

        Tenant acme = StoredTenants.read(db, "acme");
        assertEquals(List.of(Warehouse.local("acme-lake", "s3://lake/acme")), acme.definition().warehouses());
        assertEquals(Quotas.SERVICE_DEFAULTS, acme.definition().quotas());
        assertEquals(List.of(), StoredTenants.read(db, "globex").definition().warehouses());
    }

    @Test
    void aNegativeRateOrAWarehouseListThatIsNotAListIsRefusedByTheTable() throws Exception {
        flyway("latest").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (String bad : List.of(StoredTenants.insert("initech", "requests_per_second, ", "-1, "),
                    StoredTenants.insert("initech", "commits_per_minute, ", "-1, "),
                    StoredTenants.insert("initech", "warehouses, ", "'{}', "))) {
                SQLException refused = assertThrows(SQLException.class, () -> s.execute(bad));
                assertEquals("23514", refused.getSQLState(), "a check constraint: " + bad);
            }
        }
    }
}
