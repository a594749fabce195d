/**
 * The operators' admin API ({@code /admin/v1}): accounts, clients, sessions and revocations, as
 * request and view types and thin controllers over {@code service.admin}. Views never carry a
 * password, secret or hash. Must not import {@code persistence} or gRPC types.
 */
package io.tollgate.auth.api.rest.admin;
