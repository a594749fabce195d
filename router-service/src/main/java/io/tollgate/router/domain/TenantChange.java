package io.tollgate.router.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One entry of the registry's change log.
 *
 * @param revision    the registry revision the change took
 * @param actor       who made it: a token subject, or {@code bootstrap} / {@code system:...}
 * @param description what changed, field by field, with secrets masked
 */
public record TenantChange(long revision, String tenantId, ChangeKind kind, Instant at, String actor,
                           Map<String, Object> description) {
    public TenantChange {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        // Values may be null (a field that was unset), which Map.copyOf refuses.
        description = Collections.unmodifiableMap(new LinkedHashMap<>(description));
    }
}
