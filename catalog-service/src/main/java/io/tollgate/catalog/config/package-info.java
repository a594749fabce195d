/**
 * catalog-service's configuration records, one concern each; every key is documented in the
 * README's catalog-service table. Imports nothing of the service.
 */
package io.tollgate.catalog.config;
