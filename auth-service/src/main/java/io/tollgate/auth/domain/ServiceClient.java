package io.tollgate.auth.domain;

import io.tollgate.common.auth.Role;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A machine that authenticates with a client id and secret (OAuth2 client_credentials): a
 * service, an Iceberg client, a scheduled job. Its tokens speak for the client id itself.
 *
 * @param id            the database id
 * @param clientId      its public id, unique across tenants
 * @param tenantId      the tenant it acts in
 * @param secretHash    the Argon2id hash of its secret, in PHC form
 * @param roles         the roles its tokens carry
 * @param allowedScopes the scopes its tokens may carry
 * @param status        whether it may authenticate
 */
public record ServiceClient(long id, String clientId, String tenantId, String secretHash, Set<Role> roles,
                            Set<String> allowedScopes, ClientStatus status) {
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ServiceClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(status, "status");
        roles = Set.copyOf(roles);
        allowedScopes = Set.copyOf(allowedScopes);
    }

    /** Whether the text can be a client id (it then also appears in logs and tokens as is). */
    public static boolean isValidClientId(String text) {
        return text != null && CLIENT_ID.matcher(text).matches();
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    @Override
    public String toString() {
        return "ServiceClient[id=" + id + ", clientId=" + clientId + ", tenantId=" + tenantId + ", roles=" + roles
                + ", scopes=" + allowedScopes + ", status=" + status + "]";
    }
}
