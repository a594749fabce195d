/**
 * The tenant bootstrap file: read, checked field by field by the registry's one set of rules
 * ({@link io.tollgate.router.domain.TenantRules}), and its missing tenants created at start. Must
 * not import {@code api} or {@code persistence}.
 */
package io.tollgate.router.service.bootstrap;
