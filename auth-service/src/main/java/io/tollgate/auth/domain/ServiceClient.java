package io.tollgate.auth.domain;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.common.auth.Role;
import io.tollgate.common.tenant.TenantIds;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A machine that authenticates with a client id and secret (OAuth2 client_credentials): a
 * service, an Iceberg client, a scheduled job. Its tokens speak for the client id itself.
 *
 * @param id             the database id
 * @param clientId       its public id, {@code name@tenant}: the name is unique within the tenant only
 * @param tenantId       the tenant it acts in
 * @param secretHash    the Argon2id hash of its secret, in PHC form
 * @param roles         the roles its tokens carry
 * @param allowedScopes the scopes its tokens may carry
 * @param status        whether it may authenticate
 * @param legacyClientId the bare id (no {@code @tenant}) the client had before ids were namespaced by
 *                       tenant, still accepted as its id when it authenticates; null for others
 */
public record ServiceClient(long id, String clientId, String tenantId, String secretHash, Set<Role> roles,
                            Set<String> allowedScopes, ClientStatus status, @Nullable String legacyClientId) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public ServiceClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(status, "status");
        roles = Set.copyOf(roles);
        allowedScopes = Set.copyOf(allowedScopes);
    }

    /** Whether the text can be a client's name: 1 to 128 letters, digits, '.', '_' and '-'. */
    public static boolean isValidName(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    /** The id of the client of this name in this tenant. */
    public static String idOf(String name, String tenantId) {
        return name + "@" + tenantId;
    }

    /**
     * Whether the text can be what a client authenticates with (it then also appears in logs as
     * is): an id {@code name@tenant}, or a legacy bare id.
     */
    public static boolean isValidClientId(String text) {
        if (text == null) {
            return false;
        }
        int at = text.indexOf('@');
        return at < 0 ? isValidName(text) : isValidName(text.substring(0, at)) && TenantIds.isValid(text.substring(at + 1));
    }

    /** Whether a valid client id is a legacy bare one, looked up as such. */
    public static boolean isLegacyId(String clientId) {
        return clientId.indexOf('@') < 0;
    }

    public boolean isActive() {
        return status == ClientStatus.ACTIVE;
    }

    @Override
    public String toString() {
        return "ServiceClient[id=" + id + ", clientId=" + clientId + ", tenantId=" + tenantId + ", roles=" + roles
                + ", scopes=" + allowedScopes + ", status=" + status
                + (legacyClientId == null ? "" : ", legacyClientId=" + legacyClientId) + "]";
    }
}
