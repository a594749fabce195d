package io.tollgate.router.service.bootstrap;

import io.micronaut.context.annotation.Context;
import io.tollgate.router.config.RouterConfig;
import jakarta.annotation.PostConstruct;

import java.nio.file.Path;

/**
 * Runs the bootstrap while the application context starts. A {@code @Context} bean is built
 * before the HTTP server starts, and micronaut-grpc starts the gRPC server only once the HTTP
 * server has: so no route is served before the seed tenants exist, and a bad file stops start-up.
 */
@Context
class TenantBootstrapOnStartup {
    private final RouterConfig config;
    private final TenantBootstrap bootstrap;

    TenantBootstrapOnStartup(RouterConfig config, TenantBootstrap bootstrap) {
        this.config = config;
        this.bootstrap = bootstrap;
    }

    @PostConstruct
    void run() {
        String file = config.bootstrapFile();
        if (file != null && !file.isBlank()) {
            bootstrap.apply(Path.of(file));
        }
    }
}
