package io.tollgate.common.tenant;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.tollgate.proto.router.v1.RouterServiceGrpc;

/**
 * Starts the tenant directory with the service, where the service has a router-service stub and
 * has not turned it off ({@code tollgate.tenant-directory.enabled=false}: auth-service, which asks
 * router-service per login and must not wait for a registry copy it does not use).
 */
@Factory
public class TenantDirectoryFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(beans = RouterServiceGrpc.RouterServiceStub.class)
    @Requires(property = "tollgate.tenant-directory.enabled", notEquals = "false")
    TenantDirectory tenantDirectory(RouterServiceGrpc.RouterServiceStub router) {
        TenantDirectory directory = new TenantDirectory(router);
        directory.start();
        return directory;
    }
}
