package io.tollgate.flight.tenant;

/**
 * A transaction cannot be committed because it is no longer what the caller built: a statement in
 * it failed (PostgreSQL has rolled it back), its connection was discarded, or statement text ended
 * it. Nothing of it is committed. The message is safe to show the caller.
 */
public final class TransactionLostException extends RuntimeException {
    public TransactionLostException(String message) {
        super(message);
    }
}
