package io.tollgate.router.api.rest.problem;

import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Builds error responses through Micronaut's error processor, so that they are problem documents.
 * <p>
 * A 4xx carries its messages: they tell the caller what to fix. A 5xx carries none, whatever the
 * handler passed: what failed inside (an exception's message can name classes, connections, SQL,
 * hosts) goes to the log, with its stack, and the caller gets a generic problem.
 */
@Singleton
public class ProblemResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final ErrorResponseProcessor<?> processor;

    ProblemResponses(ErrorResponseProcessor<?> processor) {
        this.processor = processor;
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, List<Error> errors) {
        ErrorContext.Builder context = ErrorContext.builder(request).cause(cause);
        if (status.getCode() >= 500) {
            logServerError(request, status, cause);
        } else {
            errors.forEach(context::error);
        }
        return processor.processResponse(context.build(), HttpResponse.status(status));
    }

    public MutableHttpResponse<?> respond(HttpRequest<?> request, HttpStatus status, Throwable cause, String message) {
        return respond(request, status, cause, List.of(ProblemBodyProvider.error(null, message)));
    }

    // The route's template rather than the path: a path is the caller's text, and is not logged.
    private static void logServerError(HttpRequest<?> request, HttpStatus status, Throwable cause) {
        String route = BasicHttpAttributes.getUriTemplate(request).orElse("(no route)");
        if (status == HttpStatus.INTERNAL_SERVER_ERROR) {
            LOG.error("{} {} failed: answered {}", request.getMethodName(), route, status.getCode(), cause);
        } else {
            LOG.warn("{} {} answered {}", request.getMethodName(), route, status.getCode(), cause);
        }
    }
}
