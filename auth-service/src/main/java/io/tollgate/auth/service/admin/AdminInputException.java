package io.tollgate.auth.service.admin;

/** A request field is missing or malformed (400, naming the field). Never echoes a secret. */
public final class AdminInputException extends RuntimeException {
    private final String field;

    public AdminInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
