package io.tollgate.auth.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

/** Queries on {@code accounts}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface AccountRepository extends CrudRepository<AccountEntity, Long> {

    Optional<AccountEntity> findByTenantIdAndName(String tenantId, String name);

    boolean existsByTenantIdAndName(String tenantId, String name);

    /** Replaces one account's hash; {@code updated_at} is set with it. */
    long update(@Id Long id, String passwordHash);
}
