/**
 * Whether a tenant's accounts and clients may log in: {@link io.tollgate.auth.tenant.TenantAdmission}
 * over common's tenant gate, with the platform tenant's exception. Knows common's tenant types;
 * must not import the wire (api.*) nor persistence.
 */
package io.tollgate.auth.tenant;
