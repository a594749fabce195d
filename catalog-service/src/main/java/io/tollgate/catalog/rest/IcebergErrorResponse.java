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
}
