package io.tollgate.catalog.audit;

/** The caller may not read these audit events; the message says what it may read, not what exists. */
public class AuditAccessRefusedException extends RuntimeException {

    public AuditAccessRefusedException(String message) {
        super(message, null, false, false);
    }
}
