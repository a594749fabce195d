/**
 * The catalog's decisions, one service per concern (namespaces, tables, views, multi-table
 * transactions, idempotency keys, metrics reports, the caller's warehouse, signing storage requests
 * for clients): which warehouse a caller reaches, what its role lets it do (decided before storage
 * is touched), where a table may lie, and which storage access is delegated to a client; then
 * Iceberg's own {@code CatalogHandlers} act on the warehouse's
 * catalog. Knows no HTTP: takes Iceberg's request model and returns its response model, throwing
 * Iceberg's typed exceptions or its own. Every mutation runs inside the audit package's
 * {@code CatalogAudit.record}, so that it is recorded whatever its outcome. Must not import the rest
 * package or io.micronaut.http.
 */
package io.tollgate.catalog.handler;
