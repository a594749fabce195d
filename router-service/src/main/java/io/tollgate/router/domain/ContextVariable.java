package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Objects;

/**
 * A PostgreSQL setting bound (transaction-local) before each of the tenant's statements.
 *
 * @param claim the claim's name, only when {@code source} is {@link ContextSource#CLAIM}
 */
public record ContextVariable(String name, ContextSource source, @Nullable String claim) {
    /** What a tenant gets when nobody said otherwise: its id, for row-level security policies. */
    public static final List<ContextVariable> DEFAULTS =
            List.of(new ContextVariable("tollgate.tenant_id", ContextSource.TENANT_ID, null));

    public ContextVariable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
    }
}
