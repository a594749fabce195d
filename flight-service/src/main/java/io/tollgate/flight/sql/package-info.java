/**
 * The Flight SQL adapter, where the wire ends: the producer dispatches each command (type-URL
 * switch for the commands of every query, arrow-java's dispatch for the rest), reads the verified
 * principal from the call, turns wire messages into arguments of the services below, streams
 * their results (through {@link io.tollgate.flight.sql.FlightResultSink}) and maps every failure
 * once ({@link io.tollgate.flight.sql.FlightErrors}; the unplanned through common's Incident).
 * Logic lives in the services; nothing here decides what a statement may do. Must not import
 * {@code io.tollgate.flight.server} (which hosts it).
 */
package io.tollgate.flight.sql;
