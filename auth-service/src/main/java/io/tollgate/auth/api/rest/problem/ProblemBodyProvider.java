package io.tollgate.auth.api.rest.problem;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders every JSON error Micronaut builds on this service (an unreadable body, an unknown route,
 * a refused media type, and the admin API's own) as a problem document; errors that concern a
 * field become field problems. The OAuth endpoints answer their RFC 6749 errors themselves.
 * <p>
 * A 5xx that reaches this provider shows no message: those of a server-side failure are exception
 * text. Our own unexpected failures do not come here ({@link UnexpectedErrorHandler} answers them
 * with the incident's reference).
 * <p>
 * Only our own messages ({@link #error}) are shown as they are. An error Micronaut built from an
 * exception (an unreadable or mistyped body: the JSON parser's or the binder's text, e.g. "Failed to
 * convert argument [body] ... Unexpected token ...") is a library's message: a 400 then says only
 * {@link #UNREADABLE_BODY}, any other status nothing beyond its title.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class ProblemBodyProvider implements JsonErrorResponseBodyProvider<Problem> {
    /** The detail of a 400 whose body could not be read as the request's JSON. */
    public static final String UNREADABLE_BODY = "the request body is not a JSON object of the documented form";

    @Override
    public Problem body(ErrorContext context, HttpResponse<?> response) {
        if (response.code() >= 500) {
            return new Problem("about:blank", response.reason(), response.code(), null, null);
        }
        if (isLibraryText(context)) {
            return new Problem("about:blank", response.getStatus().getReason(), response.getStatus().getCode(),
                    response.code() == 400 ? UNREADABLE_BODY : null, null);
        }
        List<Problem.FieldProblem> fields = context.getErrors().stream()
                .filter(e -> e.getPath().isPresent())
                .map(e -> new Problem.FieldProblem(e.getPath().get(), e.getMessage()))
                .toList();
        String detail = context.getErrors().stream()
                .map(e -> e.getPath().map(p -> p + ": ").orElse("") + e.getMessage())
                .collect(Collectors.joining("; "));
        return new Problem("about:blank", response.getStatus().getReason(), response.getStatus().getCode(),
                detail.isEmpty() ? null : detail, fields.isEmpty() ? null : fields);
    }

    @Override
    public String contentType() {
        return Problem.CONTENT_TYPE;
    }

    /** An error for an error context: a message of ours, and the field it concerns if any. */
    static Error error(String field, String message) {
        return new OwnError(field, message);
    }

    // Micronaut's errors made from an exception carry its message; its others (unknown route,
    // method or media type) are its own fixed sentences.
    private static boolean isLibraryText(ErrorContext context) {
        return context.getRootCause().isPresent()
                && !context.getErrors().stream().allMatch(OwnError.class::isInstance);
    }

    private record OwnError(String field, String message) implements Error {
        @Override
        public Optional<String> getPath() {
            return Optional.ofNullable(field);
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
