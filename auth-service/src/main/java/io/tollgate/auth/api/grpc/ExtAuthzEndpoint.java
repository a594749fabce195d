package io.tollgate.auth.api.grpc;

import io.envoyproxy.envoy.service.auth.v3.AuthorizationGrpc;
import io.envoyproxy.envoy.service.auth.v3.CheckRequest;
import io.envoyproxy.envoy.service.auth.v3.CheckResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.context.annotation.Requires;
import io.tollgate.auth.service.extauthz.ExtAuthzService;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envoy's external authorization, {@code envoy.service.auth.v3.Authorization/Check}, on the gRPC
 * port: Envoy's check in, the decision out as Envoy's response. A failure of our own is a gRPC
 * error, which Envoy (with {@code failure_mode_allow: false}) turns into a refusal.
 */
@Singleton
@Requires(property = "tollgate.auth.ext-authz.enabled", notEquals = "false")
public class ExtAuthzEndpoint extends AuthorizationGrpc.AuthorizationImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ExtAuthzEndpoint.class);

    private final ExtAuthzService service;

    public ExtAuthzEndpoint(ExtAuthzService service) {
        this.service = service;
    }

    @Override
    public void check(CheckRequest request, StreamObserver<CheckResponse> response) {
        // Never log the request: its headers carry the bearer token.
        try {
            response.onNext(ExtAuthzProtoMapper.toResponse(service.check(ExtAuthzProtoMapper.toRequest(request))));
            response.onCompleted();
        } catch (RuntimeException e) {
            LOG.error("ext_authz check failed unexpectedly", e);
            response.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
        }
    }
}
