package io.tollgate.router.api.rest;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.json.JsonBody;
import io.tollgate.testkit.net.PortForward;
import io.tollgate.testkit.postgres.PasswordCheckedLogins;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class BackendCheckTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";

    private final PostgresDatabase shared = PostgresDatabase.create();
    private final String sfx = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    private final String role = "chk_" + sfx;
    private final String stranger = "chk_stranger_" + sfx;
    private final String reader = "chk_reader_" + sfx;
    private final String writer = "chk_writer_" + sfx;
    private final String wideReader = "chk_wide_reader_" + sfx;
    private final String password = "right-" + sfx;

    @BeforeAll
    void prepareBackends() throws Exception {
        PasswordCheckedLogins.enable(shared);
        try (Connection c = shared.connect(); Statement s = c.createStatement();
             InputStream setup = getClass().getResourceAsStream("/sql/shared-rls-setup.sql")) {
            s.execute(new String(setup.readAllBytes(), StandardCharsets.UTF_8));
            s.execute("CREATE TABLE public.orders (tenant_id text NOT NULL, id int)");
            s.execute("CREATE TABLE public.notes (tenant_id text NOT NULL, note text)");
            s.execute("SELECT tollgate.protect('public.orders', 'tenant_id')");
            for (String login : List.of(role, stranger, reader, writer, wideReader)) {
                s.execute("CREATE ROLE " + login + " LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '" + password + "' IN ROLE "
                        + PasswordCheckedLogins.GROUP);
            }
            s.execute("SELECT tollgate.register_tenant_role('shared-one', '" + role + "')");
            s.execute("SELECT tollgate.register_tenant_login('shared-one', '" + reader + "', 'reader')");
            s.execute("SELECT tollgate.register_tenant_login('shared-one', '" + writer + "', 'writer')");
            // A reader login someone granted more than its class: it may write notes.
            s.execute("GRANT SELECT, INSERT ON public.notes TO " + wideReader);
        }
    }

    @AfterAll
    void dropRoles() throws Exception {
        try (Connection c = shared.connect(); Statement s = c.createStatement()) {
            for (String login : List.of(role, stranger, reader, writer, wideReader)) {
                s.execute("DROP OWNED BY " + login);
                s.execute("DROP ROLE " + login);
            }
        }
    }

    private Response check(String id, String jdbcUrl, String mode, String username, String pw) {
        return checkCreated(id, Tenants.on(id, jdbcUrl, mode, username, pw), pw);
    }

    private Response checkWithClassLogins(String id, String jdbcUrl, String mode, String readerLogin, String pw) {
        return checkCreated(id, Tenants.withClassLogins(id, jdbcUrl, mode, role, readerLogin, writer, pw), pw);
    }

    private Response checkCreated(String id, String body, String pw) {
        Response created = admin().post(PATH, body);
        assertEquals(201, created.status(), created::toString);
        Response report = admin().post(PATH + "/" + id + "/check", null);
        assertEquals(200, report.status(), report::toString);
        assertFalse(report.body().contains(pw), "the password is never in a report: " + report.body());
        return report;
    }

    @SuppressWarnings("unchecked")
    private static List<String> problemCodes(Response report) {
        return ((List<Map<String, Object>>) report.json().get("problems")).stream()
                .map(p -> (String) p.get("code")).toList();
    }

    @Test
    void aBackendNobodyAnswersOnIsUnreachable() {
        // A port held open that closes every connection: no PostgreSQL answers there.
        try (PortForward nowhere = PortForward.open()) {
            Response report = check("nowhere", "jdbc:postgresql://127.0.0.1:" + nowhere.port() + "/db", "DEDICATED",
                    "app", "pw-nowhere");

            assertEquals(false, report.json().get("ok"));
            assertEquals("unreachable", report.json().get("outcome"));
        }
    }

    @Test
    void aWrongPasswordIsBadCredentials() {
        Response report = check("wrong-pw", shared.jdbcUrl(), "DEDICATED", role, "wrong-" + sfx);

        assertEquals("bad-credentials", report.json().get("outcome"));
        assertEquals(false, report.json().get("ok"));
    }

    @Test
    void aDatabaseThatDoesNotExistIsReportedMissing() {
        Response report = check("no-db", shared.jdbcUrl().replace(shared.name(), "no_such_db_" + sfx), "DEDICATED",
                role, password);

        assertEquals("missing-database", report.json().get("outcome"));
    }

    @Test
    void aDedicatedBackendWithTheRightLoginForEveryClassIsOk() {
        Response report = checkWithClassLogins("dedicated-ok", shared.jdbcUrl(), "DEDICATED", reader, password);

        assertEquals(true, report.json().get("ok"), report::toString);
        assertEquals("ok", report.json().get("outcome"));
        assertFalse(report.json().containsKey("rls"));
    }

    @Test
    void aBackendWhoseReaderAndWriterRunAsTheOwnerLoginIsReportedAsSharingOneLoginAcrossClasses() {
        Response report = check("dedicated-shared", shared.jdbcUrl(), "DEDICATED", role, password);

        assertEquals("problems", report.json().get("outcome"), report::toString);
        assertEquals(List.of("shared-login-across-classes"), problemCodes(report));
    }

    @Test
    void aClassLoginThatTheServerRefusesIsReportedWithItsClass() {
        Response report = checkWithClassLogins("dedicated-bad-reader", shared.jdbcUrl(), "DEDICATED",
                "chk_nobody_" + sfx, password);

        assertEquals(List.of("class-login-bad-credentials"), problemCodes(report), report::toString);
        JsonBody.parse(report.body()).assertAnyTextContains("the reader login");
    }

    @Test
    void aReaderLoginThatMayWriteIsReportedAsMorePrivilegedThanItsClass() {
        Response report = checkWithClassLogins("dedicated-wide-reader", shared.jdbcUrl(), "DEDICATED", wideReader,
                password);

        assertEquals(List.of("class-login-too-privileged"), problemCodes(report), report::toString);
        JsonBody.parse(report.body()).assertAnyTextContains("the reader login " + wideReader
                + " may do more than its class on public.notes");
    }

    @Test
    void aSharedTenantWhoseReaderLoginIsRegisteredForAnotherTenantIsReported() {
        Response report = checkWithClassLogins("shared-three", shared.jdbcUrl(), "SHARED_RLS", reader, password);

        assertTrue(problemCodes(report).contains("login-not-registered"), report::toString);
        JsonBody.parse(report.body()).assertAnyTextContains("reader login is registered for another tenant");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSharedBackendWithATableWithoutRowLevelSecurityIsReportedWithThatTable() {
        Response report = checkWithClassLogins("shared-one", shared.jdbcUrl(), "SHARED_RLS", reader, password);

        assertEquals(false, report.json().get("ok"));
        assertEquals("problems", report.json().get("outcome"));
        assertEquals(List.of("table-not-protected"), problemCodes(report), report::toString);
        Map<String, Object> rls = (Map<String, Object>) report.json().get("rls");
        assertEquals(List.of("notes"), ((List<Map<String, Object>>) rls.get("unprotectedTables")).stream()
                .map(t -> t.get("table")).toList());
        assertEquals(List.of("orders"), ((List<Map<String, Object>>) rls.get("protectedTables")).stream()
                .map(t -> t.get("table")).toList());
    }

    @Test
    void aSharedTenantWhoseLoginIsNotRegisteredForItIsReported() {
        Response report = check("shared-two", shared.jdbcUrl(), "SHARED_RLS", stranger, password);

        assertTrue(problemCodes(report).contains("login-not-registered"), report::toString);
    }

    @Test
    void aLoginThatBypassesRowLevelSecurityIsReported() {
        String superPassword = shared.password().isEmpty() ? "trusted-" + sfx : shared.password();
        Response report = check("super-login", shared.jdbcUrl(), "DEDICATED", shared.username(), superPassword);

        assertEquals(List.of("login-bypasses-rls", "shared-login-across-classes"), problemCodes(report));
    }
}
