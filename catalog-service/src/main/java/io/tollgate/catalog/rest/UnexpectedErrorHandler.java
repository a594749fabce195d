package io.tollgate.catalog.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tollgate.common.error.Incident;
import io.tollgate.common.http.HttpIncidents;
import jakarta.inject.Singleton;

/**
 * Whatever no closer handler (ours or Micronaut's) claims: a bug, or a dependency such as the
 * database failing. It is an incident (logged once with its stack) answered as Iceberg's 500
 * ServiceFailureException whose only message is {@link Incident#publicMessage()}, where
 * Micronaut's fallback would put the exception's message in the body.
 */
@Produces
@Singleton
class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<IcebergErrorResponse>> {

    @Override
    public HttpResponse<IcebergErrorResponse> handle(HttpRequest request, Throwable exception) {
        Incident incident = HttpIncidents.record(request, exception);
        return HttpResponse.<IcebergErrorResponse>status(HttpStatus.INTERNAL_SERVER_ERROR)
                .body(IcebergErrorResponse.of(HttpStatus.INTERNAL_SERVER_ERROR.getCode(), incident.publicMessage()));
    }
}
