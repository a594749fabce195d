package io.tollgate.common.tenant;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.tollgate.proto.router.v1.RouterServiceGrpc;

/** Starts the tenant directory with the service, where the service has a router-service stub. */
@Factory
public class TenantDirectoryFactory {

    @Context
    @Bean(preDestroy = "close")
    @Requires(beans = RouterServiceGrpc.RouterServiceStub.class)
    TenantDirectory tenantDirectory(RouterServiceGrpc.RouterServiceStub router) {
        TenantDirectory directory = new TenantDirectory(router);
        directory.start();
        return directory;
    }
}
