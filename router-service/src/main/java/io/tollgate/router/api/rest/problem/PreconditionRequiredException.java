package io.tollgate.router.api.rest.problem;

/** A write came without If-Match: it must say which revision it read (HTTP 428). */
public class PreconditionRequiredException extends RuntimeException {
    public PreconditionRequiredException() {
        super("If-Match is required: send the ETag of the tenant as you last read it");
    }
}
