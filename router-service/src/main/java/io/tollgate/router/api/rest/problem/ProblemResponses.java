package io.tollgate.router.api.rest.problem;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

import java.util.List;

/** Builds error responses through Micronaut's error processor, so that they are problem documents. */
@Singleton
public class ProblemResponses {
    private final ErrorResponseProcessor<?> processor;

    ProblemResponses(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, List<Error> errors) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(cause);
        errors.forEach(context::error);
        return processor.processResponse(context.build(), HttpResponse.status(status));
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, String message) {
        return respond(request, status, cause, List.of(ProblemBodyProvider.error(null, message)));
    }
}
