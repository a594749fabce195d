package io.tollgate.auth.service;

import io.micronaut.context.ApplicationContext;
import io.tollgate.auth.TestSupport;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.ClientAuthenticationFailedException;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.common.auth.Role;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import io.tollgate.testkit.tls.InternalCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Starts the service's context (without its servers) on one database, again and again. */
class AccountBootstrapTest {
    static final PostgresDatabase DB = PostgresDatabase.create();
    static final RegistryDouble ROUTER = RegistryDouble.withActiveTenants("globex", "initech", "hooli");

    @AfterAll
    static void stopRouter() {
        ROUTER.close();
    }

    @Test
    void aSecondStartCreatesNewAccountsAndLeavesExistingOnesUntouched() throws Exception {
        try (ApplicationContext first = start("""
                {"accounts":[{"username":"owner@globex","password":"first-pass","roles":["tenant-admin"]}]}""")) {
            first.getBean(AuthenticationService.class).verifyPassword("owner@globex", "first-pass", "test");
        }

        try (ApplicationContext second = start("""
                {"accounts":[
                  {"username":"owner@globex","password":"changed-in-the-file","roles":["reader"]},
                  {"username":"analyst@globex","password":"an4lyst","roles":["reader"]}
                ]}""")) {
            AuthenticationService service = second.getBean(AuthenticationService.class);

            assertEquals(Set.of(Role.TENANT_ADMIN), service.verifyPassword("owner@globex", "first-pass", "test").roles());
            assertThrows(AuthenticationFailedException.class,
                    () -> service.verifyPassword("owner@globex", "changed-in-the-file", "test"));
            assertEquals(Set.of(Role.READER), service.verifyPassword("analyst@globex", "an4lyst", "test").roles());
        }
    }

    @Test
    void serviceClientsAreCreatedWithAnArgon2idHashOfTheirSecret() throws Exception {
        try (ApplicationContext context = start("""
                {"clients":[{"clientId":"hooli-etl","secret":"hooli-secret-0123456789","tenantId":"hooli",
                             "roles":["writer"],"scopes":["sql"]}]}""")) {
            ClientAuthenticationService clients = context.getBean(ClientAuthenticationService.class);

            ServiceClient client = clients.authenticate("hooli-etl", "hooli-secret-0123456789", "test");
            assertEquals("hooli-etl@hooli", client.clientId(), "ids are namespaced by tenant");
            assertEquals("hooli-etl", client.legacyClientId(), "the file's bare id stays usable");
            assertEquals(client, clients.authenticate("hooli-etl@hooli", "hooli-secret-0123456789", "test"));
            assertEquals("hooli", client.tenantId());
            assertEquals(Set.of(Role.WRITER), client.roles());
            assertEquals(Set.of("sql"), client.allowedScopes());
            assertThrows(ClientAuthenticationFailedException.class,
                    () -> clients.authenticate("hooli-etl", "hooli-secret-012345678X", "test"));
        }
        try (Connection connection = DB.connect(); ResultSet rs = connection.createStatement().executeQuery(
                "SELECT secret_hash FROM auth.clients WHERE client_id = 'hooli-etl@hooli'")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("$argon2id$v=19$"), "stored only as a hash");
        }
    }

    @Test
    void anUnknownRoleStopsTheStartUpBeforeAnyAccountIsCreated() throws SQLException {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start("""
                {"accounts":[
                  {"username":"early@initech","password":"e4rly","roles":["reader"]},
                  {"username":"boss@initech","password":"b0ss","roles":["superuser"]}
                ]}""").close());

        assertTrue(causes(e).contains("boss@initech has unknown role \"superuser\""), causes(e));
        assertEquals(0, count("SELECT count(*) FROM auth.accounts WHERE tenant_id = 'initech'"));
    }

    @Test
    void aBadClientStopsTheStartUpBeforeAnyAccountIsCreated() throws SQLException {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start("""
                {"accounts":[{"username":"first@initech","password":"f1rst","roles":["reader"]}],
                 "clients":[{"clientId":"short","secret":"too-short","tenantId":"initech","roles":["reader"],
                             "scopes":["sql"]}]}""").close());

        assertTrue(causes(e).contains("client short has no secret of at least 16 characters"), causes(e));
        assertEquals(0, count("SELECT count(*) FROM auth.accounts WHERE tenant_id = 'initech'"));
    }

    @Test
    void platformAdminOutsideThePlatformTenantStopsTheStartUp() {
        RuntimeException account = assertThrows(RuntimeException.class, () -> start("""
                {"accounts":[{"username":"root@initech","password":"r00t","roles":["platform-admin"]}]}""").close());
        assertTrue(causes(account).contains("root@initech has role platform-admin outside the \"platform\" tenant"),
                causes(account));

        RuntimeException client = assertThrows(RuntimeException.class, () -> start("""
                {"clients":[{"clientId":"root-bot","secret":"root-secret-0123456789","tenantId":"initech",
                             "roles":["platform-admin"],"scopes":["sql"]}]}""").close());
        assertTrue(causes(client).contains("client root-bot has role platform-admin outside"), causes(client));
    }

    @Test
    void aMalformedUsernameStopsTheStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start("""
                {"accounts":[{"username":"no-tenant","password":"pw","roles":["reader"]}]}""").close());

        assertTrue(causes(e).contains("\"no-tenant\" is not of the form name@tenant"), causes(e));
    }

    @Test
    void aFileWithoutAnAccountsArrayStopsTheStartUp() {
        RuntimeException e = assertThrows(RuntimeException.class, () -> start("{\"users\":[]}").close());

        assertTrue(causes(e).contains("no \"accounts\" array"), causes(e));
    }

    private static ApplicationContext start(String bootstrapJson) {
        Map<String, Object> properties = new HashMap<>(DB.datasourceProperties());
        properties.put("tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(bootstrapJson).toString());
        properties.put("grpc.channels.router.address", ROUTER.address());
        properties.putAll(InternalCertificates.shared().properties("auth-service"));
        return ApplicationContext.run(properties);
    }

    private static String causes(Throwable e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static long count(String sql) throws SQLException {
        try (Connection connection = DB.connect(); ResultSet rs = connection.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
