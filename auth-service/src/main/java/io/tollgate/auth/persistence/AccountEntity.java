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

/** A row of {@code accounts}; the schema comes from the datasource's search path. */
@MappedEntity("accounts")
public record AccountEntity(
        @Id @GeneratedValue @Nullable Long id,
        String tenantId,
        String name,
        String passwordHash,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> roles,
        String status,
        int failedLogins,
        @Nullable Instant lockedUntil,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    @Override
    public String toString() {
        return "AccountEntity[id=" + id + ", tenantId=" + tenantId + ", name=" + name + ", roles=" + roles
                + ", status=" + status + ", failedLogins=" + failedLogins + ", lockedUntil=" + lockedUntil + "]";
    }
}
