package io.tollgate.auth;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.tollgate.common.lifecycle.ServiceMain;

/** Starts auth-service: the identity plane (accounts, credentials, signed tokens). */
@OpenAPIDefinition(info = @Info(title = "Tollgate auth-service", version = "v1",
        description = "OAuth2 endpoints and the operators' admin API (/admin/v1)"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class AuthApplication {

    private AuthApplication() {
    }

    public static void main(String[] args) {
        // Drains on SIGTERM before stopping (docs/operations.md, "Graceful shutdown").
        ServiceMain.run(AuthApplication.class, args);
    }
}
