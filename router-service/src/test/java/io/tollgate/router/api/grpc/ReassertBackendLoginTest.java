package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ReassertBackendLoginRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.ProvisioningLogin;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.postgres.PasswordCheckedLogins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A tenant login that changed its own password is set back to the registry's by router-service,
 * through the provisioning login, against a real PostgreSQL that checks passwords.
 */
@MicronautTest(transactional = false)
class ReassertBackendLoginTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";

    private final String sfx = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final String database = "tenant_reassert_" + sfx;
    private final String owner = "reassert_owner_" + sfx;
    private final String reader = "reassert_reader_" + sfx;
    private final String writer = "reassert_writer_" + sfx;
    private final String password = "pw-reassert-" + sfx;

    @Override
    protected Map<String, String> extraProperties() {
        Map<String, String> properties = new HashMap<>(ProvisioningLogin.properties(db));
        properties.put("tollgate.router.provisioning.reassert-interval", "1h");
        return properties;
    }

    @BeforeAll
    void provisionATenantWhoseLoginsLogInWithPasswords() throws Exception {
        assertEquals(201, admin().post(PATH, Tenants.withClassLogins("reassert", db.server().jdbcUrl(database),
                "DEDICATED", owner, reader, writer, password)).status());
        Response provisioned = admin().post(PATH + "/reassert/provision", null);
        assertEquals(200, provisioned.status(), provisioned::toString);
        PasswordCheckedLogins.enable(db);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("GRANT " + PasswordCheckedLogins.GROUP + " TO " + owner + ", " + reader + ", " + writer);
        }
    }

    @AfterAll
    void dropWhatWasProvisioned() throws Exception {
        try (Connection c = db.server().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            for (String login : List.of(reader, writer, owner)) {
                s.execute("DROP ROLE IF EXISTS " + login);
            }
        }
    }

    private Connection loginAs(String role, String pw) throws SQLException {
        return DriverManager.getConnection(db.server().jdbcUrl(database), role, pw);
    }

    private RouterServiceGrpc.RouterServiceBlockingStub router() {
        return RouterServiceGrpc.newBlockingStub(channel());
    }

    private static ReassertBackendLoginRequest request(String tenant, String accessClass) {
        return ReassertBackendLoginRequest.newBuilder().setTenantId(tenant).setAccessClass(accessClass).build();
    }

    @Test
    void aLoginThatChangedItsOwnPasswordLogsInWithTheRegistrysPasswordAgainOnceReasserted() throws Exception {
        try (Connection c = loginAs(reader, password); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE CURRENT_USER PASSWORD 'the-tenants-own-" + sfx + "'");
        }
        assertEquals("28P01", assertThrows(SQLException.class, () -> loginAs(reader, password).close()).getSQLState(),
                "locked out");

        assertEquals(reader, router().reassertBackendLogin(request("reassert", "reader")).getUsername());

        try (Connection ignored = loginAs(reader, password)) {
            // Logged in with the password the registry holds.
        }
        StatusRuntimeException again = assertThrows(StatusRuntimeException.class,
                () -> router().reassertBackendLogin(request("reassert", "reader")));
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, again.getStatus().getCode(), "once per interval");
    }

    @Test
    void aTenantOffTheProvisioningServerAnUnknownTenantOrClassAreRefused() {
        admin().post(PATH, Tenants.on("reassert-far", "jdbc:postgresql://elsewhere.example:5432/far", "DEDICATED",
                "far_app", password));

        assertEquals(Status.Code.FAILED_PRECONDITION, assertThrows(StatusRuntimeException.class,
                () -> router().reassertBackendLogin(request("reassert-far", "admin"))).getStatus().getCode());
        assertEquals(Status.Code.NOT_FOUND, assertThrows(StatusRuntimeException.class,
                () -> router().reassertBackendLogin(request("nobody", "admin"))).getStatus().getCode());
        assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(StatusRuntimeException.class,
                () -> router().reassertBackendLogin(request("reassert", "owner"))).getStatus().getCode());
    }
}
