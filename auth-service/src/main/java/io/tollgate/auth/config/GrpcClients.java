package io.tollgate.auth.config;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Factory;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Singleton;

/** Stubs for the services auth-service consumes; addresses under {@code grpc.channels.*}. */
@Factory
public class GrpcClients {

    /** Streams the tenant registry into common's tenant directory, which logins read. */
    @Singleton
    RouterServiceGrpc.RouterServiceStub routerServiceStreams(@GrpcChannel("router") ManagedChannel channel) {
        return RouterServiceGrpc.newStub(channel);
    }
}
