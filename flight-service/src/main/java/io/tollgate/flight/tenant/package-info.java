/**
 * Tenants as flight-service serves them: routes from the registry (with a backend login per access
 * class), a connection pool per tenant and login, and sessions with the tenant context bound.
 */
package io.tollgate.flight.tenant;
