/**
 * What router-service does on tenants' PostgreSQL servers: connectivity checks, provisioning of
 * DEDICATED tenants (owner, reader and writer logins, their grants and limits) and re-asserting a
 * tenant login whose password the tenant changed. Each through short-lived connections. Must not
 * import {@code api} or {@code persistence}.
 */
package io.tollgate.router.service.backend;
