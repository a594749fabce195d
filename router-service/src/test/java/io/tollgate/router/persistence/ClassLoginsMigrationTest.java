package io.tollgate.router.persistence;

import io.micronaut.json.JsonMapper;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.router.domain.ClassLogins;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.support.Migrations;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** V4 on a registry written before logins per access class. */
class ClassLoginsMigrationTest {
    private final PostgresDatabase db = PostgresDatabase.create();

    private Flyway flyway(String target) {
        return Migrations.upTo(db, target);
    }

    @Test
    void aTenantRegisteredBeforeClassLoginsRunsEveryClassAsItsOneLoginUntilOthersAreRegistered() throws Exception {
        flyway("3").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO router.tenants (id, display_name, status, isolation_mode, jdbc_url, db_username,"
                    + " db_password_ref, revision) VALUES ('acme', 'Acme', 'active', 'DEDICATED',"
                    + " 'jdbc:postgresql://db:5432/tenant_acme', 'acme_app', 'literal:pw', nextval('router.revision'))");
        }

        flyway("latest").migrate();

        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet row = s.executeQuery("SELECT * FROM router.tenants WHERE id = 'acme'")) {
            assertTrue(row.next());
            Tenant acme = new TenantRowMapper(new JsonColumns(JsonMapper.createDefault())).map(row);
            SqlBackend backend = acme.definition().sqlBackend();
            assertEquals(ClassLogins.NONE, backend.logins());
            for (AccessClass accessClass : AccessClass.values()) {
                assertEquals(backend.credentials(), backend.login(accessClass), accessClass.wireName());
            }
            assertTrue(backend.sharesLoginAcrossClasses(), "which the connectivity check reports");
        }
    }

    @Test
    void aClassLoginIsStoredWholeOrNotAtAll() throws Exception {
        flyway("latest").migrate();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> s.execute("INSERT INTO router.tenants (id,"
                    + " display_name, status, isolation_mode, jdbc_url, db_username, db_password_ref, reader_username,"
                    + " revision) VALUES ('initech', 'Initech', 'active', 'DEDICATED', 'jdbc:postgresql://db/x',"
                    + " 'initech_app', 'literal:pw', 'initech_reader', nextval('router.revision'))"));
            assertEquals("23514", refused.getSQLState(), "a check constraint: a username without its password");
        }
    }
}
