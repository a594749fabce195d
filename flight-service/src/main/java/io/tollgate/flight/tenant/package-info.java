/**
 * Tenants as flight-service serves them: routes from the registry (with a backend login per access
 * class), a connection pool per tenant and login, and sessions with the tenant context bound.
 * Must not import Flight's types, the adapter, statements or transactions: everything that runs
 * SQL goes through a session from here, never the other way round.
 */
package io.tollgate.flight.tenant;
