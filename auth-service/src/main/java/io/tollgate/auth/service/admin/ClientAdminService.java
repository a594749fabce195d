package io.tollgate.auth.service.admin;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.domain.ClientStatus;
import io.tollgate.auth.domain.Listing;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.persistence.AccountStore;
import io.tollgate.auth.persistence.ClientStore;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.auth.service.PasswordHasher;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Set;

/**
 * Service clients through the admin API. Secrets are always generated (256 bits), shown once and
 * stored as Argon2id hashes. Disabling a client or rotating its secret revokes its tokens. A new
 * client's id is {@code name@tenant}, its name unique within the tenant only.
 */
@Singleton
public class ClientAdminService {
    private final ClientStore clients;
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final GeneratedSecrets secrets;
    private final RevocationService revocations;
    private final AdminPolicy policy;
    private final AuditLog audit;

    public ClientAdminService(ClientStore clients, AccountStore accounts, PasswordHasher hasher,
                              GeneratedSecrets secrets, RevocationService revocations, AdminPolicy policy,
                              AuditLog audit) {
        this.clients = clients;
        this.accounts = accounts;
        this.hasher = hasher;
        this.secrets = secrets;
        this.revocations = revocations;
        this.policy = policy;
        this.audit = audit;
    }

    /** Creates an active client; its generated secret is returned this once. */
    public CreatedSecret<ServiceClient> create(AdminCaller caller, String clientId, String tenantId,
                                               List<String> roleNames, List<String> scopeNames) {
        String tenant = AdminInput.tenant("tenantId", tenantId);
        policy.requireVisible(caller, tenant, "tenant");
        String id = AdminInput.newClientId("clientId", clientId, tenant);
        Set<Role> roles = AdminInput.roles("roles", roleNames);
        policy.requireGrantable(caller, tenant, roles, "roles");
        Set<String> scopes = AdminInput.scopes("scopes", scopeNames);
        // Ids are name@tenant: a taken one is taken in this tenant, by a client or (tokens speak for
        // both by that subject) an account; nothing is said about any other tenant.
        if (AccountName.parse(id).map(accounts::exists).orElse(false)) {
            throw new AdminConflictException("clientId", "an account of this name exists in the tenant");
        }
        String secret = secrets.clientSecret();
        if (!clients.createIfAbsent(id, null, tenant, hasher.hash(secret), roles, scopes)) {
            throw new AdminConflictException("clientId", "a client of this name exists in the tenant");
        }
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "client.create", tenant, id,
                "roles=" + AccountAdminService.wire(roles) + " scopes=" + String.join(",", scopes));
        return new CreatedSecret<>(clients.find(id).orElseThrow(), secret);
    }

    public Listing<ServiceClient> list(AdminCaller caller, @Nullable String tenant, int page, int size) {
        AdminInput.page(page, size);
        return clients.list(policy.listedTenant(caller, tenant), page * size, size);
    }

    public ServiceClient get(AdminCaller caller, String clientId) {
        String id = AdminInput.clientId("clientId", clientId);
        ServiceClient client = clients.find(id).orElseThrow(() -> new AdminNotFoundException("client"));
        policy.requireVisible(caller, client.tenantId(), "client");
        return client;
    }

    public ServiceClient setStatus(AdminCaller caller, String clientId, ClientStatus status) {
        ServiceClient client = changeable(caller, clientId);
        clients.setStatus(client.id(), status);
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(),
                status == ClientStatus.ACTIVE ? "client.enable" : "client.disable", client.tenantId(),
                client.clientId(), "status=" + status.dbName());
        if (status != ClientStatus.ACTIVE) {
            revokeTokens(caller, client, "client disabled");
        }
        return clients.find(client.clientId()).orElseThrow();
    }

    /** A new secret, returned this once; the old one stops working, and so do its tokens. */
    public CreatedSecret<ServiceClient> rotateSecret(AdminCaller caller, String clientId) {
        ServiceClient client = changeable(caller, clientId);
        String secret = secrets.clientSecret();
        clients.setSecretHash(client.id(), hasher.hash(secret));
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "client.rotate_secret",
                client.tenantId(), client.clientId(), "secret=generated");
        revokeTokens(caller, client, "client secret rotated");
        return new CreatedSecret<>(clients.find(client.clientId()).orElseThrow(), secret);
    }

    private ServiceClient changeable(AdminCaller caller, String clientId) {
        ServiceClient client = get(caller, clientId);
        policy.requireOutranked(caller, client.roles(), "the client");
        return client;
    }

    private void revokeTokens(AdminCaller caller, ServiceClient client, String reason) {
        revocations.revoke(new RevocationTarget.Subject(client.tenantId(), client.clientId()), null, reason,
                caller.actor());
        if (client.legacyClientId() != null) {
            // Tokens issued before its id was namespaced speak for the bare id.
            revocations.revoke(new RevocationTarget.Subject(client.tenantId(), client.legacyClientId()), null, reason,
                    caller.actor());
        }
    }
}
