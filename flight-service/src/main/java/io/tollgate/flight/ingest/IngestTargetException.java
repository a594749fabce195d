package io.tollgate.flight.ingest;

/** The ingest target's existence is not what the request allows. Messages are safe to show the caller. */
public final class IngestTargetException extends RuntimeException {

    /** Which way. */
    public enum Kind { EXISTS, MISSING }

    private final Kind kind;

    IngestTargetException(Kind kind) {
        super(kind == Kind.EXISTS ? "the target table already exists" : "the target table does not exist");
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
