package io.tollgate.common.tenant;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Singleton;

/**
 * Starts the tenant directory, and the {@link TenantGate} over it, with any service that has a
 * router-service stub.
 */
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

    @Singleton
    @Requires(beans = TenantDirectory.class)
    TenantGate tenantGate(TenantDirectory directory) {
        return new TenantGate(directory);
    }
}
