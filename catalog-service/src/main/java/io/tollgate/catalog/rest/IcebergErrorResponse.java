package io.tollgate.catalog.rest;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The Iceberg REST catalog's error body: {@code {"error": {"message", "type", "code"}}}, which every
 * Iceberg client turns into its own typed exception.
 */
@Serdeable
public record IcebergErrorResponse(Error error) {

    /** The error itself. */
    @Serdeable
    public record Error(String message, String type, int code) {
    }

    public static IcebergErrorResponse of(int code, String type, String message) {
        return new IcebergErrorResponse(new Error(message, type, code));
    }

    /** An error whose type is the one Iceberg's clients expect for {@code code}. */
    public static IcebergErrorResponse of(int code, String message) {
        return of(code, typeFor(code), message);
    }

    /** The name of the exception Iceberg's own server answers with for a status. */
    static String typeFor(int code) {
        return switch (code) {
            case 400 -> "BadRequestException";
            case 401 -> "NotAuthorizedException";
            case 403 -> "ForbiddenException";
            case 500 -> "ServiceFailureException";
            case 503 -> "ServiceUnavailableException";
            default -> "RESTException";
        };
    }
}
