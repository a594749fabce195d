/**
 * The tenant registry's values: tenants, their SQL backends (the owner login and one login per
 * less privileged access class, as password references), quotas, context variables and changes.
 * Plain records that know nothing of the wire or the database.
 */
package io.tollgate.router.domain;
