package io.tollgate.connect.session;

/**
 * A call would take the tenant over one of its Spark Connect limits. The message names the limit
 * (as the tenant's quota names it) and its value; it is the caller's own tenant's, safe to show.
 */
public final class LimitExceededException extends Exception {
    public LimitExceededException(String quota, long limit, String what) {
        super("Spark Connect limit reached: " + quota + " = " + limit + " (" + what + ")", null, false, false);
    }
}
