/**
 * catalog-service's configuration records, one concern each, every key documented in the README's
 * table. Must not import the rest, handler or storage packages.
 */
package io.tollgate.catalog.config;
