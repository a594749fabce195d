package io.tollgate.auth.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/** A row of {@code clients}. */
@MappedEntity("clients")
public record ClientEntity(
        @Id @GeneratedValue @Nullable Long id,
        String clientId,
        String tenantId,
        String secretHash,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> roles,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> scopes,
        String status,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt,
        @Nullable String legacyClientId) {

    @Override
    public String toString() {
        return "ClientEntity[id=" + id + ", clientId=" + clientId + ", tenantId=" + tenantId + ", roles=" + roles
                + ", scopes=" + scopes + ", status=" + status + ", legacyClientId=" + legacyClientId + "]";
    }
}
