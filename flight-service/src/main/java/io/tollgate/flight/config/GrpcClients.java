package io.tollgate.flight.config;

import io.grpc.ManagedChannel;
import io.micronaut.context.annotation.Factory;
import io.micronaut.grpc.annotation.GrpcChannel;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import jakarta.inject.Singleton;

/** Stubs for the services flight-service consumes; addresses under {@code grpc.channels.*}. */
@Factory
public class GrpcClients {

    @Singleton
    AuthServiceGrpc.AuthServiceBlockingStub authService(@GrpcChannel("auth") ManagedChannel channel) {
        return AuthServiceGrpc.newBlockingStub(channel);
    }

    /** Streams revocations into the token verifier's revocation set. */
    @Singleton
    AuthServiceGrpc.AuthServiceStub authServiceStreams(@GrpcChannel("auth") ManagedChannel channel) {
        return AuthServiceGrpc.newStub(channel);
    }

    /** Streams the tenant registry into the tenant directory. */
    @Singleton
    RouterServiceGrpc.RouterServiceStub routerServiceStreams(@GrpcChannel("router") ManagedChannel channel) {
        return RouterServiceGrpc.newStub(channel);
    }

    @Singleton
    RouterServiceGrpc.RouterServiceBlockingStub routerService(@GrpcChannel("router") ManagedChannel channel) {
        return RouterServiceGrpc.newBlockingStub(channel);
    }
}
