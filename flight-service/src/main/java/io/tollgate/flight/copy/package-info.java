/**
 * The fast read path: a query's rows as PostgreSQL's binary COPY, decoded straight into Arrow
 * vectors (no JDBC row objects, no text) when every column has an exact decoder. Owns the COPY
 * format and the decoders; knows nothing of who asked or where the batches go. Must not import
 * Flight's types, the adapter, statements, tenants or transactions.
 */
package io.tollgate.flight.copy;
