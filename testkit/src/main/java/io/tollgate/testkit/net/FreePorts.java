package io.tollgate.testkit.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ServerSocket;
import java.util.function.IntFunction;

/**
 * Ports for servers a test starts in its own JVM. A port found free may be taken again before the
 * server binds it (the kernel hands the same ephemeral ports to outgoing connections), so a server
 * started on one is started again on another when binding fails.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 5;

    private FreePorts() {
    }

    /** A port nothing listens on at this moment. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a server on a free port, on another one each time binding the port fails. */
    public static <T> T startOnFreePort(IntFunction<T> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.apply(freePort());
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isBindFailure(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isBindFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException || message.contains("Failed to bind")
                    || message.contains("Address already in use")) {
                return true;
            }
        }
        return false;
    }
}
