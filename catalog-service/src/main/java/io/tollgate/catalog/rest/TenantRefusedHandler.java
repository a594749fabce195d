package io.tollgate.catalog.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tollgate.catalog.tenant.TenantRefusedException;
import jakarta.inject.Singleton;

/** A refused tenant, in Iceberg's terms: 403 ForbiddenException, or 503 while the registry is away. */
@Produces
@Singleton
@Requires(classes = {TenantRefusedException.class, ExceptionHandler.class})
public class TenantRefusedHandler
        implements ExceptionHandler<TenantRefusedException, HttpResponse<IcebergErrorResponse>> {

    @Override
    public HttpResponse<IcebergErrorResponse> handle(HttpRequest request, TenantRefusedException exception) {
        if (exception.reason() == TenantRefusedException.Reason.REGISTRY_UNAVAILABLE) {
            return HttpResponse.<IcebergErrorResponse>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(IcebergErrorResponse.of(503, "ServiceUnavailableException", exception.getMessage()));
        }
        return HttpResponse.<IcebergErrorResponse>status(HttpStatus.FORBIDDEN)
                .body(IcebergErrorResponse.of(403, "ForbiddenException", exception.getMessage()));
    }
}
