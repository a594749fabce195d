package io.tollgate.auth.service;

import io.tollgate.auth.domain.ClientAuthenticationFailedException;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.persistence.ClientStore;
import io.tollgate.auth.service.AuditLog.ClientFailureReason;
import io.tollgate.auth.tenant.TenantAdmission;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.UUID;

/**
 * Checks a service client's id and secret (Argon2id, like passwords). Every refusal is the same
 * {@link ClientAuthenticationFailedException}; only the audit log says why. Not rate limited here:
 * the token endpoint limits before calling.
 */
@Singleton
public class ClientAuthenticationService {
    private final ClientStore clients;
    private final PasswordHasher hasher;
    private final TenantAdmission tenants;
    private final AuditLog audit;
    // Verified against for unknown clients and refused tenants, so timing does not tell them from
    // a wrong secret.
    private final String dummyHash;

    public ClientAuthenticationService(ClientStore clients, PasswordHasher hasher, TenantAdmission tenants,
                                       AuditLog audit) {
        this.clients = clients;
        this.hasher = hasher;
        this.tenants = tenants;
        this.audit = audit;
        this.dummyHash = hasher.hash(UUID.randomUUID().toString());
    }

    /**
     * The client, if the secret is right, the client is active and its tenant may log in.
     *
     * @throws TenantStatusUnavailableException when the tenant registry cannot be asked
     */
    public ServiceClient authenticate(String clientId, String secret, String clientAddress)
            throws ClientAuthenticationFailedException, TenantStatusUnavailableException {
        if (!ServiceClient.isValidClientId(clientId) || secret == null || secret.isEmpty()) {
            audit.clientAuthenticationFailed(ServiceClient.isValidClientId(clientId) ? clientId : null, null,
                    clientAddress, ClientFailureReason.MALFORMED);
            throw new ClientAuthenticationFailedException();
        }
        Optional<ServiceClient> found = clients.find(clientId);
        if (found.isEmpty()) {
            audit.clientAuthenticationFailed(clientId, null, clientAddress, ClientFailureReason.UNKNOWN_CLIENT);
            // Until the registry arrives a known client of a tenant is refused as unavailable (503):
            // an unknown one must be too, or the two answers would tell which client ids exist.
            tenants.requireRegistry();
            hasher.verify(secret, dummyHash);
            throw new ClientAuthenticationFailedException();
        }
        ServiceClient client = found.get();
        // The tenant is asked before the secret is checked, so that a registry outage cannot be
        // used to learn whether a secret is right (only right secrets would reach the question).
        try {
            if (!tenants.admitsLogins(client.tenantId())) {
                hasher.verify(secret, dummyHash);
                audit.clientAuthenticationFailed(clientId, client.tenantId(), clientAddress,
                        ClientFailureReason.TENANT_REFUSED);
                throw new ClientAuthenticationFailedException();
            }
        } catch (TenantStatusUnavailableException e) {
            audit.tenantUnavailable(client.tenantId(), clientAddress);
            throw e;
        }
        if (!hasher.verify(secret, client.secretHash())) {
            audit.clientAuthenticationFailed(clientId, client.tenantId(), clientAddress,
                    ClientFailureReason.WRONG_SECRET);
            throw new ClientAuthenticationFailedException();
        }
        if (!client.isActive()) {
            audit.clientAuthenticationFailed(clientId, client.tenantId(), clientAddress, ClientFailureReason.DISABLED);
            throw new ClientAuthenticationFailedException();
        }
        audit.clientAuthenticated(clientId, client.tenantId(), clientAddress);
        return client;
    }
}
