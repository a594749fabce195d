package io.tollgate.router.service;

/** A conditional write named a revision that is no longer the tenant's: someone else wrote first. */
public class RevisionMismatchException extends RuntimeException {
    private final long currentRevision;

    public RevisionMismatchException(long currentRevision) {
        super("the tenant has changed since: its current revision is " + currentRevision);
        this.currentRevision = currentRevision;
    }

    public long currentRevision() {
        return currentRevision;
    }
}
