package io.tollgate.catalog.rest;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tollgate.common.tenant.TenantRefusedException;
import jakarta.inject.Singleton;

/**
 * A tenant refused by common's tenant gate, in Iceberg's terms: 403 ForbiddenException (unknown
 * and not active alike), or 503 ServiceUnavailableException before the registry has arrived.
 */
@Produces
@Singleton
@Requires(classes = ExceptionHandler.class)
public class TenantRefusedHandler
        implements ExceptionHandler<TenantRefusedException, HttpResponse<IcebergErrorResponse>> {

    @Override
    public HttpResponse<IcebergErrorResponse> handle(HttpRequest request, TenantRefusedException exception) {
        if (exception.reason() == TenantRefusedException.Reason.NOT_READY) {
            return HttpResponse.<IcebergErrorResponse>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(IcebergErrorResponse.of(503, "ServiceUnavailableException", exception.getMessage()));
        }
        return HttpResponse.<IcebergErrorResponse>status(HttpStatus.FORBIDDEN)
                .body(IcebergErrorResponse.of(403, "ForbiddenException", exception.getMessage()));
    }
}
