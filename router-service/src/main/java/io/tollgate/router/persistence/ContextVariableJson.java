package io.tollgate.router.persistence;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.tollgate.router.domain.ContextSource;
import io.tollgate.router.domain.ContextVariable;

/** One element of the {@code context_variables} jsonb column. */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record ContextVariableJson(String name, ContextSource source, @Nullable String claim) {

    static ContextVariableJson of(ContextVariable variable) {
        return new ContextVariableJson(variable.name(), variable.source(), variable.claim());
    }

    ContextVariable toDomain() {
        return new ContextVariable(name, source, claim);
    }
}
