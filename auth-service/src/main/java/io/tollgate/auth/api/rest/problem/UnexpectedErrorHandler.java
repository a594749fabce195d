package io.tollgate.auth.api.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.tollgate.common.error.Incident;
import io.tollgate.common.http.HttpIncidents;
import jakarta.inject.Singleton;

/**
 * Whatever no closer handler (ours or Micronaut's) claims: a bug, or a dependency such as the
 * database failing. It is an incident (logged once with its stack) answered as a 500 problem whose
 * only detail is {@link Incident#publicMessage()}, where Micronaut's fallback would put the
 * exception's message in the body. The OAuth endpoints catch their own failures and answer
 * RFC 6749's {@code server_error} with the same reference.
 */
@Singleton
class UnexpectedErrorHandler implements ExceptionHandler<Throwable, HttpResponse<Problem>> {
    private static final MediaType PROBLEM = MediaType.of(Problem.CONTENT_TYPE);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Throwable exception) {
        Incident incident = HttpIncidents.record(request, exception);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        return HttpResponse.<Problem>status(status)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), incident.publicMessage(), null))
                .contentType(PROBLEM);
    }
}
