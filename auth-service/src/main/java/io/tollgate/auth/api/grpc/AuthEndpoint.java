package io.tollgate.auth.api.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tollgate.auth.domain.AuthenticationFailedException;
import io.tollgate.auth.domain.InvalidScopeException;
import io.tollgate.auth.domain.RateLimitedException;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.domain.Scopes;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.service.AuthenticationService;
import io.tollgate.auth.service.IntrospectionService;
import io.tollgate.auth.service.oauth.ClientCredentialsExchange;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.auth.service.revocation.RevocationWatch;
import io.tollgate.common.grpc.GrpcCalls;
import io.tollgate.common.grpc.KnownErrors;
import io.tollgate.common.grpc.server.CallingService;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsRequest;
import io.tollgate.proto.auth.v1.ExchangeClientCredentialsResponse;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.IntrospectResponse;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.proto.auth.v1.RevokeResponse;
import io.tollgate.proto.auth.v1.WatchRevocationsRequest;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/** AuthService v1 on the gRPC port: wire types in, services called, wire types out. */
@Singleton
public class AuthEndpoint extends AuthServiceGrpc.AuthServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(AuthEndpoint.class);
    private static final int MAX_REASON = 500;
    /** The refusals of a login, each with the fixed text its exception carries. */
    private static final KnownErrors KNOWN = KnownErrors.none()
            .on(AuthenticationFailedException.class,
                    e -> Status.UNAUTHENTICATED.withDescription(AuthenticationFailedException.MESSAGE))
            .on(RateLimitedException.class,
                    e -> Status.RESOURCE_EXHAUSTED.withDescription(RateLimitedException.MESSAGE))
            .on(TenantStatusUnavailableException.class,
                    e -> Status.UNAVAILABLE.withDescription(TenantStatusUnavailableException.MESSAGE))
            .on(InvalidScopeException.class, e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage()));

    private final AuthenticationService authentication;
    private final IntrospectionService introspection;
    private final RevocationService revocations;
    private final ClientCredentialsExchange clientCredentials;

    public AuthEndpoint(AuthenticationService authentication, IntrospectionService introspection,
                        RevocationService revocations, ClientCredentialsExchange clientCredentials) {
        this.authentication = authentication;
        this.introspection = introspection;
        this.revocations = revocations;
        this.clientCredentials = clientCredentials;
    }

    @Override
    public void authenticate(AuthenticateRequest request, StreamObserver<AuthenticateResponse> response) {
        // Never log the request: it carries the password.
        GrpcCalls.respond(response, "Authenticate", KNOWN, () -> ProtoMapper.toResponse(authentication.authenticate(
                request.getUsername(), request.getPassword(), Scopes.of(request.getScopesList()),
                request.getClientAddress())));
    }

    @Override
    public void exchangeClientCredentials(ExchangeClientCredentialsRequest request,
                                          StreamObserver<ExchangeClientCredentialsResponse> response) {
        // Never log the request: it carries the secret.
        GrpcCalls.respond(response, "ExchangeClientCredentials", KNOWN, () -> ProtoMapper.toExchangeResponse(
                clientCredentials.exchange(request.getClientId(), request.getClientSecret(),
                        Scopes.of(request.getScopesList()), request.getClientAddress())));
    }

    @Override
    public void introspect(IntrospectRequest request, StreamObserver<IntrospectResponse> response) {
        GrpcCalls.respond(response, "Introspect", KNOWN, () -> introspection.introspect(request.getToken())
                .map(ProtoMapper::toIntrospectResponse)
                .orElseGet(() -> IntrospectResponse.newBuilder().setActive(false).build()));
    }

    @Override
    public void revoke(RevokeRequest request, StreamObserver<RevokeResponse> response) {
        GrpcCalls.respond(response, "Revoke", KNOWN, () -> {
            RevocationTarget target = target(request);
            String reason = request.getReason().length() > MAX_REASON
                    ? request.getReason().substring(0, MAX_REASON) : request.getReason();
            String actor = "grpc:" + CallingService.current().orElse("unknown") + "@" + PeerAddressInterceptor.current();
            Revocation revocation = revocations.revoke(target, null, reason, actor);
            return RevokeResponse.newBuilder().setRevocation(ProtoMapper.toProto(revocation)).build();
        });
    }

    // Only the target's own checks are the caller's fault: their messages are ours, written to be shown.
    private static RevocationTarget target(RevokeRequest request) {
        try {
            return ProtoMapper.toDomain(request.getTarget());
        } catch (IllegalArgumentException e) {
            throw GrpcCalls.refuse(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
        }
    }

    @Override
    public void watchRevocations(WatchRevocationsRequest request, StreamObserver<WatchRevocationsResponse> response) {
        if (request.getAfterSequence() < 0) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("after_sequence must not be negative")
                    .asRuntimeException());
            return;
        }
        ServerCallStreamObserver<WatchRevocationsResponse> stream =
                (ServerCallStreamObserver<WatchRevocationsResponse>) response;
        RevocationWatch watch = revocations.watch(request.getAfterSequence(), new StreamSink(stream));
        // Set before the catch-up starts, so that a caller leaving mid-way stops it too.
        stream.setOnCancelHandler(watch::close);
        try {
            watch.start();
        } catch (RuntimeException e) {
            LOG.warn("WatchRevocations could not catch up: {}", e.getMessage());
            if (!stream.isCancelled()) {
                stream.onError(Status.UNAVAILABLE.withDescription("revocation log unavailable; retry")
                        .asRuntimeException());
            }
        }
        // The stream stays open: the watch sends each new revocation as the feed delivers it.
    }

    /** Sends a watch's messages down the gRPC stream; the watch serialises the calls. */
    private record StreamSink(ServerCallStreamObserver<WatchRevocationsResponse> stream)
            implements RevocationWatch.Sink {

        @Override
        public void send(List<Revocation> revocations, boolean caughtUp) {
            if (stream.isCancelled()) {
                throw new IllegalStateException("the stream was cancelled");
            }
            stream.onNext(WatchRevocationsResponse.newBuilder()
                    .addAllRevocations(revocations.stream().map(ProtoMapper::toProto).toList())
                    .setCaughtUp(caughtUp)
                    .build());
        }

        @Override
        public void closeForShutdown() {
            if (!stream.isCancelled()) {
                stream.onError(Status.UNAVAILABLE.withDescription("auth-service is shutting down; reconnect")
                        .asRuntimeException());
            }
        }
    }
}
