/**
 * The tenant registry's values: tenants, their SQL backends (the owner login and one login per
 * less privileged access class, as password references), warehouses (normalised locations, S3
 * settings with the secret key as a password reference), upstreams (HTTP engines; Spark Connect
 * endpoints or per-user templates, with the backend token as a password reference), quotas, context
 * variables and changes, and the rules every tenant definition meets
 * ({@link io.tollgate.router.domain.TenantRules}), wherever it comes from. Plain types that know nothing of the wire or the database: must not
 * import {@code api}, {@code service}, {@code persistence}, gRPC, HTTP or JDBC.
 */
package io.tollgate.router.domain;
