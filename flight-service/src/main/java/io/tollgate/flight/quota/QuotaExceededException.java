package io.tollgate.flight.quota;

/**
 * A tenant's quota refused a statement or ended its result. Messages name only the caller's own
 * limit, so they are safe to show the caller.
 */
public final class QuotaExceededException extends RuntimeException {

    /** Which quota. */
    public enum Kind { CONCURRENT_QUERIES, RESULT_ROWS, RESULT_BYTES }

    private final Kind kind;

    private QuotaExceededException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    static QuotaExceededException concurrentQueries(int limit) {
        return new QuotaExceededException(Kind.CONCURRENT_QUERIES, "too many concurrent queries: the tenant may run "
                + limit + " at a time; retry when one has finished");
    }

    static QuotaExceededException resultRows(long limit) {
        return new QuotaExceededException(Kind.RESULT_ROWS, "result exceeds " + limit + " rows");
    }

    static QuotaExceededException resultBytes(long limit) {
        return new QuotaExceededException(Kind.RESULT_BYTES, "result exceeds " + limit + " bytes");
    }

    public Kind kind() {
        return kind;
    }
}
