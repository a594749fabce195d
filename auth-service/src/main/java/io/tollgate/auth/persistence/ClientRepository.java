package io.tollgate.auth.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.Optional;

/** Queries on {@code clients}. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClientRepository extends CrudRepository<ClientEntity, Long> {

    Optional<ClientEntity> findByClientId(String clientId);

    boolean existsByClientId(String clientId);

    Optional<ClientEntity> findByLegacyClientId(String legacyClientId);

    boolean existsByLegacyClientId(String legacyClientId);
}
