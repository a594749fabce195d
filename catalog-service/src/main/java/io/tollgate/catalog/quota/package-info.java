/**
 * Per-tenant quotas of catalog calls: requests per second and commits per minute, from the tenant
 * registry's quotas (0 there: the configured default), as token buckets in this replica's memory,
 * bounded in tenants and forgotten for tenants that are no longer served. Knows no HTTP; the rest
 * package applies it to every authenticated call before any work is done.
 */
package io.tollgate.catalog.quota;
