package io.tollgate.flight.statement;

/** A statement ran past its tenant's timeout and the gateway stopped it. */
public final class StatementTimeoutException extends RuntimeException {
    public StatementTimeoutException() {
        super("the tenant's statement timeout was reached");
    }
}
