package io.tollgate.catalog.audit;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * One page of events, newest first.
 *
 * @param events        the events
 * @param nextPageToken what to pass for the next (older) page, or null when this is the last
 */
public record AuditPage(List<AuditEvent> events, @Nullable String nextPageToken) {
}
