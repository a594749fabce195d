package io.tollgate.auth.api.grpc;

import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.tollgate.auth.service.extauthz.ExtAuthzService;
import io.tollgate.common.grpc.GrpcCalls;
import io.tollgate.common.grpc.KnownErrors;
import jakarta.inject.Singleton;

/**
 * Envoy's external authorization, {@code envoy.service.auth.v3.Authorization/Check}, on the gRPC
 * port: Envoy's check in, the decision out as Envoy's response. A failure of our own is a gRPC
 * INTERNAL under an incident ({@link GrpcCalls}), which Envoy (with {@code failure_mode_allow: false})
 * turns into a refusal.
 */
@Singleton
@Requires(property = "tollgate.auth.ext-authz.enabled", notEquals = "false")
public class ExtAuthzEndpoint extends AuthorizationGrpc.AuthorizationImplBase {
    private final ExtAuthzService service;

    public ExtAuthzEndpoint(ExtAuthzService service) {
        this.service = service;
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> response) {
        // Never log the request: its headers carry the bearer token.
        GrpcCalls.respond(response, "ext_authz Check", KnownErrors.none(),
                () -> ExtAuthzProtoMapper.toResponse(service.check(ExtAuthzProtoMapper.toRequest(request))));
    }
}
