package io.tollgate.router.service.watch;

/** The replica serving the watch is stopping; the watcher should reconnect (to another replica). */
public class WatchEndedException extends RuntimeException {
    public WatchEndedException() {
        super("router replica stopping: reconnect with after_revision set to the last revision received");
    }
}
