package io.tollgate.connect.routing;

/**
 * The caller's tenant is admitted but has no usable Spark Connect upstream. Answered like a tenant
 * that may not be served, so that nothing is learnt about how tenants are set up. The log says why.
 */
public final class NoSparkBackendException extends Exception {
    public NoSparkBackendException(String why) {
        super(why, null, false, false);
    }
}
