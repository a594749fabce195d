/**
 * flight-service: an Arrow Flight SQL server in front of each tenant's PostgreSQL. The root holds
 * only the application's entry point. The wire ends in {@code sql} (the Flight SQL adapter),
 * {@code server} (the Flight server that hosts it) and {@code auth} (its call middleware); every
 * other package is below the wire and never refers to Flight's call types ({@code CallStatus},
 * {@code FlightRuntimeException}, listeners, {@code CallContext}, {@code FlightStream}), which
 * {@code WireBoundaryTest} checks on the compiled classes.
 */
package io.tollgate.flight;
