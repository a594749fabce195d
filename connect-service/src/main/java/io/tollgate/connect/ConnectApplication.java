package io.tollgate.connect;

import io.tollgate.common.lifecycle.ServiceMain;

/** connect-service: Tollgate's Spark Connect gateway. */
public final class ConnectApplication {
    private ConnectApplication() {
    }

    public static void main(String[] args) {
        // Drains on SIGTERM before stopping (docs/operations.md, "Graceful shutdown").
        ServiceMain.run(ConnectApplication.class, args);
    }
}
