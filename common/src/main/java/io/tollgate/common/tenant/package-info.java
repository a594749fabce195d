/**
 * Tenants as every service sees them: valid tenant ids and account names, the reserved platform
 * tenant, the directory (a copy of router-service's registry, kept current by WatchTenants) and
 * the one {@link io.tollgate.common.tenant.TenantGate} with its outcomes and refusal. Knows the
 * router proto's types; must not import a wire adapter's types (Flight, HTTP, Iceberg) nor any
 * service's code: each service maps {@link io.tollgate.common.tenant.TenantRefusedException} to
 * its own wire.
 */
package io.tollgate.common.tenant;
