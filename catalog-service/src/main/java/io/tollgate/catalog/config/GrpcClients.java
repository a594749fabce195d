package io.tollgate.catalog.config;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Factory;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Singleton;

/**
 * The streams catalog-service follows: revocations from auth-service and the tenant registry from
 * router-service (addresses under {@code grpc.channels.*}); common's factories pick them up.
 */
@Factory
public class GrpcClients {

    @Singleton
    AuthServiceGrpc.AuthServiceStub authServiceStreams(@GrpcChannel("auth") ManagedChannel channel) {
        return AuthServiceGrpc.newStub(channel);
    }

    @Singleton
    RouterServiceGrpc.RouterServiceStub routerServiceStreams(@GrpcChannel("router") ManagedChannel channel) {
        return RouterServiceGrpc.newStub(channel);
    }
}
