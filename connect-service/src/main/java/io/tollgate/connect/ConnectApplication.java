package io.tollgate.connect;

import io.micronaut.runtime.Micronaut;

/** connect-service: Tollgate's Spark Connect gateway. */
public final class ConnectApplication {
    private ConnectApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(ConnectApplication.class, args);
    }
}
