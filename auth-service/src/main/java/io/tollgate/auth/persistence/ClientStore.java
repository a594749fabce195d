package io.tollgate.auth.persistence;

import io.micronaut.data.exceptions.DataAccessException;
import io.tollgate.auth.domain.ClientStatus;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.common.auth.Role;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;

/** Service clients as the services see them: domain types in, domain types out. */
@Singleton
public class ClientStore {
    private final ClientRepository repository;

    public ClientStore(ClientRepository repository) {
        this.repository = repository;
    }

    public Optional<ServiceClient> find(String clientId) {
        return repository.findByClientId(clientId).map(ClientStore::toDomain);
    }

    public boolean exists(String clientId) {
        return repository.existsByClientId(clientId);
    }

    /**
     * Creates an active client unless one with that id exists.
     *
     * @return whether this call created it; false when it existed already (perhaps created a
     *         moment ago by another replica running the same bootstrap)
     */
    public boolean createIfAbsent(String clientId, String tenantId, String secretHash, Set<Role> roles,
                                  Set<String> scopes) {
        if (exists(clientId)) {
            return false;
        }
        try {
            repository.save(new ClientEntity(null, clientId, tenantId, secretHash, RoleNames.wireNames(roles),
                    scopes.stream().sorted().toList(), ClientStatus.ACTIVE.dbName(), null, null));
            return true;
        } catch (DataAccessException e) {
            if (exists(clientId)) {
                return false;
            }
            throw e;
        }
    }

    private static ServiceClient toDomain(ClientEntity row) {
        // An unknown status disables the client, an unknown role grants nothing: fail closed.
        ClientStatus status = ClientStatus.fromDbName(row.status()).orElse(ClientStatus.DISABLED);
        Set<Role> roles = RoleNames.known(row.roles(), "client " + row.clientId());
        return new ServiceClient(row.id(), row.clientId(), row.tenantId(), row.secretHash(), roles,
                Set.copyOf(row.scopes()), status);
    }
}
