package io.tollgate.router.service;

import java.util.List;
import java.util.stream.Collectors;

/** A tenant definition the caller must fix; each error names its field (e.g. sqlBackend.jdbcUrl). */
public class InvalidTenantException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidTenantException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public static InvalidTenantException of(String field, String message) {
        return new InvalidTenantException(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One bad field; the message never echoes a value that could be a secret. */
    public record FieldError(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }
}
