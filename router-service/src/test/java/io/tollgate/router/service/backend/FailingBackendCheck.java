package io.tollgate.router.service.backend;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.sql.SQLException;

/**
 * A backend check that fails as a bug would, with the kind of message that must never reach a
 * caller: SQL, class names, a connection. Present only where a test sets {@link #ENABLED}.
 */
@Singleton
@Replaces(BackendCheck.class)
@Requires(property = FailingBackendCheck.ENABLED, value = "true")
public class FailingBackendCheck extends BackendCheck {
    public static final String ENABLED = "tollgate.test.failing-backend-check";
    public static final String MESSAGE = "could not run SELECT db_password_ref FROM router.tenants WHERE id = 'acme' on "
            + "HikariProxyConnection@1 wrapping org.postgresql.jdbc.PgConnection@2";

    FailingBackendCheck() {
        super(null, null, null);
    }

    @Override
    public BackendCheckReport check(String tenantId) {
        throw new IllegalStateException(MESSAGE, new SQLException("Connection is closed", "08003"));
    }
}
