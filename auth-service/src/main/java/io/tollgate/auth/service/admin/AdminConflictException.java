package io.tollgate.auth.service.admin;

/** The change collides with what exists (409): an account or client id that is taken. */
public final class AdminConflictException extends RuntimeException {
    private final String field;

    public AdminConflictException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
