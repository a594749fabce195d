/**
 * catalog-service: the Apache Iceberg REST catalog, one warehouse per tenant, on Tollgate tokens.
 * This package holds only the application's entry point.
 */
package io.tollgate.catalog;
