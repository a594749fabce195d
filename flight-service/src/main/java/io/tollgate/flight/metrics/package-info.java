/**
 * flight-service's own series (docs/operations.md#metrics): Flight calls by method, Flight SQL
 * command or action, status and tenant; rows and Arrow bytes streamed per tenant; the tenant
 * backends' connection pools. The tenant tag goes through common's {@code TenantTags}; no SQL,
 * subject or table name is ever a tag. Knows Micrometer and Hikari's pool view, no wire: the Flight
 * adapter ({@code server}, {@code sql}) hands it plain names.
 */
package io.tollgate.flight.metrics;
