package io.tollgate.flight.transaction;

/** A transaction id could not be used. Messages are safe to show the caller. */
public final class TransactionException extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** Forged, altered, or presented by someone it was not made for: never says which. */
        INVALID("invalid transaction id"),
        /** Authentic, but its connection is held by another replica. */
        ELSEWHERE("the transaction is open on another replica of the gateway: send all of a transaction's "
                + "calls over one connection"),
        /** Authentic, but no longer open. */
        NOT_FOUND("transaction not found: it has ended, or was rolled back after being left idle"),
        /** Another call is using the transaction. */
        BUSY("the transaction is in use by another call"),
        /** Too many transactions are open. */
        LIMIT("too many open transactions: commit or roll back one first");

        private final String message;

        Kind(String message) {
            this.message = message;
        }
    }

    private final Kind kind;

    public TransactionException(Kind kind) {
        super(kind.message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
