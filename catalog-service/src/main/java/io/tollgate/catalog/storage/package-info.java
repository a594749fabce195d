/**
 * Where the catalog keeps its state: Iceberg's JDBC catalog in the service's PostgreSQL schema (one
 * {@code catalog_name} per tenant warehouse, all on the service's one connection pool; its table rows
 * read and swapped directly where the library has no call for it), the idempotency keys' answers,
 * and a Hadoop-free local FileIO confined to the warehouse's root. Knows nothing of HTTP, tokens or
 * roles: callers decide who may act before they come here. Must not import the rest package.
 */
package io.tollgate.catalog.storage;
