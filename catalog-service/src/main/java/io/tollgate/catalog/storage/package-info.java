/**
 * Where the catalog keeps its state: Iceberg's JDBC catalog in the service's PostgreSQL schema (one
 * {@code catalog_name} per tenant warehouse, all on the service's one connection pool; its table rows
 * read and swapped directly where the library has no call for it), the idempotency keys' answers,
 * staged tables' directories (for the signer, until the commit that creates each table),
 * and each warehouse's one FileIO confined to its root: a Hadoop-free local one, or iceberg-aws's
 * S3FileIO with the warehouse's storage settings. Also the storage side of remote signing: whether an
 * S3 request is one for a given place in the warehouse's storage, and its signature with the
 * warehouse's keys, which never leave this package's callers. Knows nothing of HTTP, tokens or
 * roles: callers decide who may act before they come here. Must not import the rest package.
 */
package io.tollgate.catalog.storage;
