package io.tollgate.router.support;

import io.tollgate.testkit.postgres.PostgresDatabase;

import java.util.HashMap;
import java.util.Map;

/** Router properties that make the test server's superuser the provisioning login. */
public final class ProvisioningLogin {
    private ProvisioningLogin() {
    }

    /** {@code tollgate.router.provisioning.*} pointing at the server {@code db} lives on. */
    public static Map<String, String> properties(PostgresDatabase db) {
        Map<String, String> properties = new HashMap<>();
        properties.put("tollgate.router.provisioning.jdbc-url", db.server().jdbcUrl("postgres"));
        properties.put("tollgate.router.provisioning.username", db.username());
        properties.put("tollgate.router.provisioning.password-ref", "literal:" + db.password());
        return properties;
    }
}
