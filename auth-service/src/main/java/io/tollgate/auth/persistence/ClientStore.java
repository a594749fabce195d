package io.tollgate.auth.persistence;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.tollgate.auth.domain.ClientStatus;
import io.tollgate.auth.domain.Listing;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.common.auth.Role;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Service clients as the services see them: domain types in, domain types out. */
@Singleton
public class ClientStore {
    private final ClientRepository repository;
    private final Jdbc jdbc;

    public ClientStore(ClientRepository repository, Jdbc jdbc) {
        this.repository = repository;
        this.jdbc = jdbc;
    }

    /**
     * The client of this id: {@code name@tenant}, or the legacy bare id a client had before ids
     * were namespaced by tenant.
     */
    public Optional<ServiceClient> find(String clientId) {
        return (ServiceClient.isLegacyId(clientId) ? repository.findByLegacyClientId(clientId)
                : repository.findByClientId(clientId)).map(ClientStore::toDomain);
    }

    /** Whether a client has this id ({@code name@tenant}, or a legacy bare one). */
    public boolean exists(String clientId) {
        return ServiceClient.isLegacyId(clientId) ? repository.existsByLegacyClientId(clientId)
                : repository.existsByClientId(clientId);
    }

    /**
     * Creates an active client unless one with that id (or that legacy id) exists.
     *
     * @param clientId       {@code name@tenant}
     * @param legacyClientId a bare id also accepted for it, or null
     * @return whether this call created it; false when it existed already (perhaps created a
     *         moment ago by another replica running the same bootstrap)
     */
    public boolean createIfAbsent(String clientId, @Nullable String legacyClientId, String tenantId,
                                  String secretHash, Set<Role> roles, Set<String> scopes) {
        if (exists(clientId, legacyClientId)) {
            return false;
        }
        try {
            repository.save(new ClientEntity(null, clientId, tenantId, secretHash, RoleNames.wireNames(roles),
                    scopes.stream().sorted().toList(), ClientStatus.ACTIVE.dbName(), null, null, legacyClientId));
            return true;
        } catch (DataAccessException e) {
            if (exists(clientId, legacyClientId)) {
                return false;
            }
            throw e;
        }
    }

    private boolean exists(String clientId, @Nullable String legacyClientId) {
        return exists(clientId) || (legacyClientId != null && exists(legacyClientId));
    }

    /**
     * One page of clients, by tenant and id.
     *
     * @param tenantId the tenant, or null for every tenant
     */
    public Listing<ServiceClient> list(@Nullable String tenantId, int offset, int limit) {
        return jdbc.read("list clients", connection -> {
            List<ServiceClient> clients = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT id, client_id, tenant_id, secret_hash, roles, scopes, status, legacy_client_id FROM clients "
                            + "WHERE (?::text IS NULL OR tenant_id = ?) ORDER BY tenant_id, client_id LIMIT ? OFFSET ?")) {
                select.setString(1, tenantId);
                select.setString(2, tenantId);
                select.setInt(3, limit);
                select.setInt(4, offset);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        clients.add(toDomain(new ClientEntity(rs.getLong("id"), rs.getString("client_id"),
                                rs.getString("tenant_id"), rs.getString("secret_hash"),
                                List.of((String[]) rs.getArray("roles").getArray()),
                                List.of((String[]) rs.getArray("scopes").getArray()), rs.getString("status"),
                                null, null, rs.getString("legacy_client_id"))));
                    }
                }
            }
            return new Listing<>(clients, Jdbc.countInTenant(connection, "clients", tenantId));
        });
    }

    public void setStatus(long id, ClientStatus status) {
        update("change a client's status", "UPDATE clients SET status = ?, updated_at = now() WHERE id = ?",
                status.dbName(), id);
    }

    public void setSecretHash(long id, String secretHash) {
        update("rotate a client secret", "UPDATE clients SET secret_hash = ?, updated_at = now() WHERE id = ?",
                secretHash, id);
    }

    private void update(String operation, String sql, String value, long id) {
        jdbc.write(operation, connection -> {
            try (PreparedStatement update = connection.prepareStatement(sql)) {
                update.setString(1, value);
                update.setLong(2, id);
                return update.executeUpdate();
            }
        });
    }

    private static ServiceClient toDomain(ClientEntity row) {
        // An unknown status disables the client, an unknown role grants nothing: fail closed.
        ClientStatus status = ClientStatus.fromDbName(row.status()).orElse(ClientStatus.DISABLED);
        Set<Role> roles = RoleNames.known(row.roles(), "client " + row.clientId());
        return new ServiceClient(row.id(), row.clientId(), row.tenantId(), row.secretHash(), roles,
                Set.copyOf(row.scopes()), status, row.legacyClientId());
    }
}
