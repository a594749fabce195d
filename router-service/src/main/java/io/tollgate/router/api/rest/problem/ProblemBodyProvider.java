package io.tollgate.router.api.rest.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders every JSON error of this service, Micronaut's own (unknown route, unreadable body,
 * refused media type) as well as ours, as a problem document. Errors with a path become field
 * problems, so a client can point at what to fix.
 * <p>
 * A 5xx is a generic problem whatever its error context holds ({@code "detail": "internal error"}
 * for a 500, none for the others): the messages of a server-side failure are exception text, and
 * stay in the log. Our own unexpected failures do not come here: {@link ProblemResponses#unexpected}
 * answers them with the incident's reference.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {
    /** The {@code detail} of every 500. */
    public static final String INTERNAL_ERROR = "internal error";

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        if (status >= 500) {
            return new Problem("about:blank", response.reason(), status,
                    status == HttpStatus.INTERNAL_SERVER_ERROR.getCode() ? INTERNAL_ERROR : null, null);
        }
        List<Problem.FieldProblem> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldProblem(e.getPath().get(), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream()
                .map(e -> e.getPath().map(p -> p + ": ").orElse("") + e.getMessage())
                .collect(Collectors.joining("; "));
        return new Problem("about:blank", response.reason(), status, detail.isEmpty() ? null : detail,
                fields.isEmpty() ? null : fields);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }

    /** An error for the error context: a message, and the field it concerns when there is one. */
    public static Error error(String path, String message) {
        return new Error() {
            @Override
            public java.util.Optional<String> getPath() {
                return java.util.Optional.ofNullable(path);
            }

            @Override
            public String getMessage() {
                return message;
            }
        };
    }
}
