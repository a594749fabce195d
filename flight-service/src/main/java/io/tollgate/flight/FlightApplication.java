package io.tollgate.flight;

import io.micronaut.runtime.Micronaut;

/** flight-service: Tollgate's Arrow Flight SQL data plane. */
public final class FlightApplication {
    private FlightApplication() {
    }

    public static void main(String[] args) {
        Micronaut.run(FlightApplication.class, args);
    }
}
