/**
 * The admin REST API (/admin/v1/tenants): request and view types, reading a request into a
 * definition (the rules themselves are {@link io.tollgate.router.domain.TenantRules}), and the
 * controller, which only translates and calls the services. Views never show a password. Must not
 * import {@code persistence} or gRPC types.
 */
package io.tollgate.router.api.rest;
