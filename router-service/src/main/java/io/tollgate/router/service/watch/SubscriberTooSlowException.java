package io.tollgate.router.service.watch;

/**
 * A watcher fell further behind than its buffer holds and was dropped; it should reconnect from
 * the last revision it received, and will be brought up to date from the change log.
 */
public class SubscriberTooSlowException extends RuntimeException {
    public SubscriberTooSlowException() {
        super("watcher too slow: reconnect with after_revision set to the last revision received");
    }
}
