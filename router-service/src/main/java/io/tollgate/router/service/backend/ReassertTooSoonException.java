package io.tollgate.router.service.backend;

/** A tenant's logins were re-asserted less than the configured interval ago. */
public class ReassertTooSoonException extends RuntimeException {
    public ReassertTooSoonException() {
        super("the tenant's logins were re-asserted moments ago");
    }
}
