package io.tollgate.router.api.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.tollgate.common.error.Incident;
import io.tollgate.common.http.HttpIncidents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Builds error responses as problem documents.
 * <p>
 * A 4xx carries its messages: they tell the caller what to fix. An expected 5xx (a dependency
 * away, a feature off) carries none, whatever the handler passed, and is logged at WARN. An
 * unexpected failure follows the one policy ({@link Incident}): logged once with its stack under a
 * correlation id, answered 500 whose only detail is {@link Incident#publicMessage()}.
 */
@Singleton
public class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);
    private static final MediaType PROBLEM = MediaType.of(Problem.CONTENT_TYPE);

    private final ErrorResponseProcessor<?> processor;

    ProblemResponses(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, List<Error> errors) {
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            return unexpected(request, cause);
        }
        ErrorContext.Builder context = ErrorContext.builder(request).cause(cause);
        if (status.getCode() >= 500) {
            LOG.warn("{} answered {}", HttpIncidents.where(request), status.getCode(), cause);
        } else {
            errors.forEach(context::error);
        }
        return processor.processResponse(context.build(), HttpResponse.status(status));
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, String message) {
        return respond(request, status, cause, List.of(ProblemBodyProvider.error(null, message)));
    }

    /** A failure nobody planned for: an incident, answered as a generic 500. */
    public MutableHttpResponse<Problem> unexpected(HttpRequest<?> request, Throwable cause) {
        Incident incident = HttpIncidents.record(request, cause);
        HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
        return HttpResponse.<Problem>status(status)
                .body(new Problem("about:blank", status.getReason(), status.getCode(), incident.publicMessage(), null))
                .contentType(PROBLEM);
    }
}
