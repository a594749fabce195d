package io.tollgate.catalog.audit;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * Which events to read; a null field does not filter.
 *
 * @param tenantId  one tenant's events, or null for every tenant's (platform admins only)
 * @param from      events at or after this instant
 * @param to        events before this instant
 * @param namespace events on this namespace (dotted)
 * @param table     events on this table or view
 * @param subject   events of this caller
 * @param beforeId  events older than this one (the page token)
 * @param limit     at most this many
 */
public record AuditQuery(@Nullable String tenantId, @Nullable Instant from, @Nullable Instant to,
                         @Nullable String namespace, @Nullable String table, @Nullable String subject,
                         @Nullable Long beforeId, int limit) {
}
