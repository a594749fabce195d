package io.tollgate.common.grpc;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * The stubs to auth-service and router-service, blocking and async, each present only where its
 * channel's address ({@code grpc.channels.auth.address}, {@code grpc.channels.router.address}) is
 * configured: a service declares addresses, never stubs. Common's revocation watcher and tenant
 * directory start wherever the async stubs exist.
 */
@Factory
public class InternalClients {

    @Singleton
    @Named("auth")
    @Bean(preDestroy = "close")
    @Requires(property = "grpc.channels.auth.address")
    InternalChannel authChannel(InternalChannels channels) {
        return channels.open(InternalService.AUTH);
    }

    @Singleton
    @Named("router")
    @Bean(preDestroy = "close")
    @Requires(property = "grpc.channels.router.address")
    InternalChannel routerChannel(InternalChannels channels) {
        return channels.open(InternalService.ROUTER);
    }

    @Singleton
    @Requires(property = "grpc.channels.auth.address")
    AuthServiceGrpc.AuthServiceBlockingStub authService(@Named("auth") InternalChannel channel) {
        return AuthServiceGrpc.newBlockingStub(channel.calls());
    }

    /** Streams revocations (WatchRevocations). */
    @Singleton
    @Requires(property = "grpc.channels.auth.address")
    AuthServiceGrpc.AuthServiceStub authServiceStreams(@Named("auth") InternalChannel channel) {
        return AuthServiceGrpc.newStub(channel.calls());
    }

    @Singleton
    @Requires(property = "grpc.channels.router.address")
    RouterServiceGrpc.RouterServiceBlockingStub routerService(@Named("router") InternalChannel channel) {
        return RouterServiceGrpc.newBlockingStub(channel.calls());
    }

    /** Streams the tenant registry (WatchTenants). */
    @Singleton
    @Requires(property = "grpc.channels.router.address")
    RouterServiceGrpc.RouterServiceStub routerServiceStreams(@Named("router") InternalChannel channel) {
        return RouterServiceGrpc.newStub(channel.calls());
    }
}
