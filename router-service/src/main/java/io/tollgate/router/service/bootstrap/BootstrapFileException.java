package io.tollgate.router.service.bootstrap;

/** The bootstrap file cannot be read or does not describe valid tenants; start-up stops. */
public class BootstrapFileException extends RuntimeException {
    public BootstrapFileException(String message) {
        super(message);
    }

    public BootstrapFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
