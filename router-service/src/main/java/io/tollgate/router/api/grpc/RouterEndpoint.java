package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.tollgate.proto.router.v1.ListTenantsRequest;
import io.tollgate.proto.router.v1.ListTenantsResponse;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.ResolveTenantResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.router.domain.TenantPage;
import io.tollgate.router.service.InvalidPageRequestException;
import io.tollgate.router.service.TenantRegistry;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * The RouterService v1 gRPC face of the registry. WatchTenants is not served yet: the base class
 * answers UNIMPLEMENTED.
 */
@Singleton
public class RouterEndpoint extends RouterServiceGrpc.RouterServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(RouterEndpoint.class);

    private final TenantRegistry registry;
    private final TenantProtoMapper mapper;

    RouterEndpoint(TenantRegistry registry, TenantProtoMapper mapper) {
        this.registry = registry;
        this.mapper = mapper;
    }

    @Override
    public void resolveTenant(ResolveTenantRequest request, StreamObserver<ResolveTenantResponse> observer) {
        respond(observer, "ResolveTenant", () -> registry.resolve(request.getTenantId())
                .map(tenant -> ResolveTenantResponse.newBuilder().setTenant(mapper.toProto(tenant)).build())
                // The same answer for unknown and malformed ids, which are never echoed.
                .orElseThrow(() -> Status.NOT_FOUND.withDescription("unknown tenant").asRuntimeException()));
    }

    @Override
    public void listTenants(ListTenantsRequest request, StreamObserver<ListTenantsResponse> observer) {
        respond(observer, "ListTenants", () -> {
            TenantPage page;
            try {
                page = registry.list(request.getPageSize(), request.getPageToken());
            } catch (InvalidPageRequestException e) {
                throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
            }
            ListTenantsResponse.Builder response = ListTenantsResponse.newBuilder()
                    .setNextPageToken(page.nextPageToken());
            page.tenants().forEach(tenant -> response.addTenants(mapper.toProto(tenant)));
            return response.build();
        });
    }

    private static <T> void respond(StreamObserver<T> observer, String method, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (StatusRuntimeException e) {
            observer.onError(e);
            return;
        } catch (RuntimeException e) {
            // Callers learn nothing of the internals; operators get the whole story here.
            LOG.error("{} failed", method, e);
            observer.onError(Status.INTERNAL.withDescription("internal error").asRuntimeException());
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }
}
