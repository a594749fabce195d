package io.tollgate.flight;

import io.tollgate.common.lifecycle.ServiceMain;

/** flight-service: Tollgate's Arrow Flight SQL data plane. */
public final class FlightApplication {
    private FlightApplication() {
    }

    public static void main(String[] args) {
        // Drains on SIGTERM before stopping (docs/operations.md, "Graceful shutdown").
        ServiceMain.run(FlightApplication.class, args);
    }
}
