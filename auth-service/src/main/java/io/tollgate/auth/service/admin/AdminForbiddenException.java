package io.tollgate.auth.service.admin;

/** Visible to the caller, but beyond its authority (403): granting a role above its own, say. */
public final class AdminForbiddenException extends RuntimeException {
    private final String field;

    public AdminForbiddenException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The request field at fault. */
    public String field() {
        return field;
    }
}
