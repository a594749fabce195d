package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micronaut.scheduling.TaskExecutors;
import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.grpc.GrpcCalls;
import io.tollgate.common.grpc.KnownErrors;
import io.tollgate.proto.router.v1.ListTenantsRequest;
import io.tollgate.proto.router.v1.ReassertBackendLoginRequest;
import io.tollgate.proto.router.v1.ReassertBackendLoginResponse;
import io.tollgate.proto.router.v1.ListTenantsResponse;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.domain.TenantPage;
import io.tollgate.router.service.BackendResolutionException;
import io.tollgate.router.service.InvalidPageRequestException;
import io.tollgate.router.service.TenantNotFoundException;
import io.tollgate.router.service.TenantRegistry;
import io.tollgate.router.service.backend.LoginReassertion;
import io.tollgate.router.service.backend.ProvisioningRefusedException;
import io.tollgate.router.service.backend.ProvisioningUnavailableException;
import io.tollgate.router.service.backend.ReassertTooSoonException;
import io.tollgate.router.service.watch.TenantWatch;
import io.tollgate.router.service.watch.Watch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;

/**
 * The RouterService v1 gRPC face of the registry. Callers are authorised before they get here
 * ({@link RouterCallers}); each is answered in its own {@link RegistryView}.
 */
@Singleton
public class RouterEndpoint extends RouterServiceGrpc.RouterServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(RouterEndpoint.class);
    private static final Status UNKNOWN_TENANT = Status.NOT_FOUND.withDescription("unknown tenant");
    /** The registry's refusals; their messages are the services' own, written to be shown. */
    private static final KnownErrors KNOWN = KnownErrors.none()
            .on(InvalidPageRequestException.class, e -> Status.INVALID_ARGUMENT.withDescription(e.getMessage()))
            .on(TenantNotFoundException.class, e -> UNKNOWN_TENANT)
            .on(ReassertTooSoonException.class, e -> Status.RESOURCE_EXHAUSTED.withDescription(e.getMessage()))
            .on(ProvisioningUnavailableException.class, RouterEndpoint::cannotReassert)
            .on(ProvisioningRefusedException.class, RouterEndpoint::cannotReassert)
            .on(BackendResolutionException.class, RouterEndpoint::backendUnresolved);

    private final TenantRegistry registry;
    private final TenantWatch watches;
    private final TenantProtoMapper mapper;
    private final ExecutorService executor;
    private final LoginReassertion reassertion;

    RouterEndpoint(TenantRegistry registry, TenantWatch watches, TenantProtoMapper mapper,
                   @Named(TaskExecutors.BLOCKING) ExecutorService executor, LoginReassertion reassertion) {
        this.reassertion = reassertion;
        this.registry = registry;
        this.watches = watches;
        this.mapper = mapper;
        this.executor = executor;
    }

    @Override
    public void watchTenants(WatchTenantsRequest request, StreamObserver<WatchTenantsResponse> observer) {
        if (request.getAfterRevision() < 0) {
            observer.onError(Status.INVALID_ARGUMENT.withDescription("after_revision must not be negative")
                    .asRuntimeException());
            return;
        }
        RegistryView view;
        try {
            // Captured here: the stream's messages are built on other threads, outside the call's context.
            view = RegistryView.ofCurrentCaller();
        } catch (GrpcCalls.Refusal refused) {
            observer.onError(refused.status().asRuntimeException());
            return;
        }
        WatchTenantsStream stream = new WatchTenantsStream(
                (ServerCallStreamObserver<WatchTenantsResponse>) observer, mapper, view, executor);
        Watch watch;
        try {
            watch = watches.open(request.getAfterRevision(), stream::signal);
        } catch (RuntimeException e) {
            LOG.error("WatchTenants could not start", e);
            observer.onError(Status.UNAVAILABLE.withDescription("registry unavailable; retry").asRuntimeException());
            return;
        }
        stream.start(watch);
    }

    @Override
    public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> observer) {
        GrpcCalls.respond(observer, "ResolveTenant", KNOWN, () -> {
            RegistryView view = RegistryView.ofCurrentCaller();
            return registry.resolve(request.getTenantId())
                    .map(tenant -> ResolveTenantResponse.newBuilder().setTenant(mapper.toProto(tenant, view)).build())
                    // The same answer for unknown and malformed ids, which are never echoed.
                    .orElseThrow(() -> GrpcCalls.refuse(UNKNOWN_TENANT));
        });
    }

    @Override
    public void listTenants(ListTenantsRequest request, StreamObserver<ListTenantsResponse> observer) {
        GrpcCalls.respond(observer, "ListTenants", KNOWN, () -> {
            RegistryView view = RegistryView.ofCurrentCaller();
            TenantPage page = registry.list(request.getPageSize(), request.getPageToken());
            ListTenantsResponse.Builder response = ListTenantsResponse.newBuilder()
                    .setNextPageToken(page.nextPageToken());
            page.tenants().forEach(tenant -> response.addTenants(mapper.toProto(tenant, view)));
            return response.build();
        });
    }

    @Override
    public void reassertBackendLogin(ReassertBackendLoginRequest request,
                                     StreamObserver<ReassertBackendLoginResponse> observer) {
        GrpcCalls.respond(observer, "ReassertBackendLogin", KNOWN, () -> {
            AccessClass accessClass = AccessClass.fromWireName(request.getAccessClass()).orElseThrow(() -> GrpcCalls
                    .refuse(Status.INVALID_ARGUMENT.withDescription("access_class must be reader, writer or admin")));
            return ReassertBackendLoginResponse.newBuilder()
                    .setUsername(reassertion.reassert(request.getTenantId(), accessClass)).build();
        });
    }

    private static Status cannotReassert(RuntimeException e) {
        return Status.FAILED_PRECONDITION
                .withDescription("router-service cannot re-assert this login: " + e.getMessage());
    }

    // The caller may keep serving its cached route; the operator learns which reference failed.
    private static Status backendUnresolved(BackendResolutionException e) {
        LOG.warn("a tenant's backend cannot be resolved: {}", e.getMessage());
        return Status.UNAVAILABLE.withDescription("tenant backend cannot be resolved now");
    }
}
