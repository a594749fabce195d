package io.tollgate.router;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.tollgate.common.lifecycle.ServiceMain;

/** The tenant routing registry: where each tenant's data lives and what limits apply. */
@OpenAPIDefinition(info = @Info(title = "Tollgate router-service admin API", version = "v1",
        description = "The tenant registry: create, read, change, suspend, delete and check tenants. "
                + "Platform admins only (Tollgate bearer token with the platform-admin role)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public final class RouterApplication {
    private RouterApplication() {
    }

    public static void main(String[] args) {
        // Drains on SIGTERM before stopping (docs/operations.md, "Graceful shutdown").
        ServiceMain.run(RouterApplication.class, args);
    }
}
