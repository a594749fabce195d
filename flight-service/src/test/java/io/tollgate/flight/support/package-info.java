/**
 * What flight-service's tests share: the service started in the test's JVM ({@code FlightSqlServer},
 * with testkit's doubles of router-service's and auth-service's contracts), tenant databases and
 * schemas, certificates made at test time, and views of the backend's activity to wait on (through
 * testkit's {@code Await}). Must not import other services' code.
 */
package io.tollgate.flight.support;
