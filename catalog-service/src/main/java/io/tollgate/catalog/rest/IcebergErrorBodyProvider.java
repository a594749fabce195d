package io.tollgate.catalog.rest;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;

import java.util.stream.Collectors;

/**
 * Renders every error Micronaut builds on this service in Iceberg's error form: its own (unknown
 * route, unreadable body, refused media type) and Micronaut Security's 401 and 403, so that an
 * Iceberg client reads every refusal as the typed exception it expects.
 * <p>
 * A 5xx shows no message: those of a server-side failure are exception text. Our own unexpected
 * failures do not come here ({@link UnexpectedErrorHandler} answers them with the incident's
 * reference).
 * <p>
 * An error Micronaut built from an exception (a parameter or body it could not convert) carries
 * that exception's message, a library's: it is shown as {@link #UNREADABLE_REQUEST} instead.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
public class IcebergErrorBodyProvider implements JsonErrorResponseBodyProvider<IcebergErrorResponse> {

    /** The message of a 4xx Micronaut made from an exception (a value or body it could not read). */
    public static final String UNREADABLE_REQUEST =
            "the request cannot be read: a parameter or the body is not of the documented form";

    @Override
    public IcebergErrorResponse body(ErrorContext context, HttpResponse<?> response) {
        int status = response.code();
        if (status < 500 && context.getRootCause().isPresent()) {
            return IcebergErrorResponse.of(status, UNREADABLE_REQUEST);
        }
        String message = status >= 500 ? "" : context.getErrors().stream()
                .map(Error::getMessage)
                .collect(Collectors.joining("; "));
        return IcebergErrorResponse.of(status, message.isEmpty() ? response.reason() : message);
    }

    @Override
    public String contentType() {
        return MediaType.APPLICATION_JSON;
    }
}
