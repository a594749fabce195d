package io.tollgate.auth.service;

import io.micronaut.context.ApplicationContext;
import io.tollgate.auth.TestSupport;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.IssuedToken;
import io.tollgate.testkit.postgres.PostgresDatabase;
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

    @Test
    void aSecondStartCreatesNewAccountsAndLeavesExistingOnesUntouched() throws Exception {
        try (ApplicationContext first = start("""
                {"accounts":[{"username":"owner@globex","password":"first-pass","roles":["tenant-admin"]}]}""")) {
            first.getBean(AuthenticationService.class).authenticate("owner@globex", "first-pass", "test");
        }

        try (ApplicationContext second = start("""
                {"accounts":[
                  {"username":"owner@globex","password":"changed-in-the-file","roles":["reader"]},
                  {"username":"analyst@globex","password":"an4lyst","roles":["reader"]}
                ]}""")) {
            AuthenticationService service = second.getBean(AuthenticationService.class);

            IssuedToken owner = service.authenticate("owner@globex", "first-pass", "test");
            assertEquals(Set.of("tenant-admin"), owner.principal().roles());
            assertThrows(AuthenticationFailedException.class,
                    () -> service.authenticate("owner@globex", "changed-in-the-file", "test"));
            assertEquals(Set.of("reader"), service.authenticate("analyst@globex", "an4lyst", "test").principal().roles());
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
