package io.tollgate.router.service.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BadBootstrapFileStopsStartupTest {
    static final PostgresDatabase DB = PostgresDatabase.create();

    @Test
    void anInvalidBootstrapFileStopsStartUpNamingTheFieldAndWritesNothing() throws Exception {
        Path file = BootstrapFiles.write(BootstrapFiles.minimalTenants("acme", "globex")
                .replace("\"id\":\"globex\",\"isolationMode\":\"SHARED_RLS\"",
                        "\"id\":\"globex\",\"isolationMode\":\"POOLED\""));
        Map<String, Object> properties = new HashMap<>(DB.datasourceProperties());
        properties.put("tollgate.router.bootstrap-file", file.toString());

        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(properties).close());

        String messages = causes(e);
        assertTrue(messages.contains("tenants[1].isolationMode: 'POOLED' is not one of DEDICATED, SHARED_RLS"), messages);
        try (Connection connection = DB.connect();
             ResultSet count = connection.createStatement().executeQuery("SELECT count(*) FROM router.tenants")) {
            count.next();
            assertEquals(0, count.getInt(1), "a bad file creates no tenant, not even the valid ones");
        }
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
