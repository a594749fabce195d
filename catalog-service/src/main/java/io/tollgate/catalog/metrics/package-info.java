/**
 * catalog-service's own series (docs/operations.md#metrics): mutations (commits among them) by
 * operation, outcome and tenant, conflicts (409) as their own outcome. REST requests and latencies by
 * route template are Micronaut's {@code http.server.requests}. The tenant tag goes through common's
 * {@code TenantTags}; no namespace, table or warehouse name is ever a tag. Knows Micrometer, no wire.
 */
package io.tollgate.catalog.metrics;
