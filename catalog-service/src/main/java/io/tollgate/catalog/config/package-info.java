/**
 * catalog-service's configuration records ({@code tollgate.catalog.*}), one concern each, every key
 * in the README's table. Must not import any other package of the service: every package may depend
 * on this one.
 */
package io.tollgate.catalog.config;
