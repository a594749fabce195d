/**
 * Answers to Flight SQL's catalog questions (catalogs, schemas, tables and their columns, keys,
 * type info, server info, session options) as rows read from the tenant's own PostgreSQL
 * catalogs, shaped in Arrow terms. Flight SQL's column metadata keys are schema vocabulary and
 * allowed; Flight's call types, listeners and the adapter are not imported.
 */
package io.tollgate.flight.metadata;
