package io.tollgate.router.persistence;

import io.micronaut.json.JsonMapper;
import io.tollgate.router.domain.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rows of the tenants table written and read as migration tests need: by SQL, at any schema version. */
final class StoredTenants {
    private StoredTenants() {
    }

    /**
     * An INSERT of a DEDICATED tenant with the columns every version has, and more.
     *
     * @param columns more columns, each followed by ", " (e.g. {@code "upstreams, "}); empty for none
     * @param values  their SQL values, likewise
     */
    static String insert(String id, String columns, String values) {
        return "INSERT INTO router.tenants (id, display_name, status, isolation_mode, jdbc_url, db_username,"
                + " db_password_ref, " + columns + "revision) VALUES ('" + id + "', '" + id + "', 'active',"
                + " 'DEDICATED', 'jdbc:postgresql://db:5432/tenant_" + id + "', '" + id + "_app', 'literal:pw', "
                + values + "nextval('router.revision'))";
    }

    /** The tenant as the registry reads it. */
    static Tenant read(PostgresDatabase db, String id) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT * FROM router.tenants WHERE id = '" + id + "'")) {
            assertTrue(row.next(), "no tenant " + id);
            return new TenantRowMapper(new JsonColumns(JsonMapper.createDefault())).map(row);
        }
    }
}
