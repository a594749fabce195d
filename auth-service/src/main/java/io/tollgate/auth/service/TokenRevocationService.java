package io.tollgate.auth.service;

import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.domain.ServiceClient;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.common.tenant.PlatformTenant;
import io.tollgate.common.auth.Principal;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * RFC 7009 token revocation on behalf of an authenticated service client: an access token is
 * revoked by its jti, a refresh token with its whole family (and the access tokens the family
 * issued). A token that is unknown, invalid or already expired needs nothing and is answered like
 * a success, as the RFC requires. A client revokes only tokens of its own tenant (the platform
 * tenant's clients, any tenant's); another tenant's token is left alone, with the same answer.
 */
@Singleton
public class TokenRevocationService {
    private static final String REASON = "revoked by client (RFC 7009)";

    private final IntrospectionService introspection;
    private final RefreshTokenService refreshTokens;
    private final RevocationService revocations;

    public TokenRevocationService(IntrospectionService introspection, RefreshTokenService refreshTokens,
                                  RevocationService revocations) {
        this.introspection = introspection;
        this.refreshTokens = refreshTokens;
        this.revocations = revocations;
    }

    /**
     * Revokes the token if it is one of ours.
     *
     * @param tokenTypeHint {@code access_token} or {@code refresh_token} to try that kind first;
     *                      anything else is ignored (RFC 7009 §2.1: the server extends its search)
     */
    public void revoke(String token, String tokenTypeHint, ServiceClient caller) {
        String actor = "client:" + caller.clientId();
        if ("refresh_token".equals(tokenTypeHint)) {
            if (!revokeRefresh(token, caller, actor)) {
                revokeAccess(token, caller, actor);
            }
        } else if (!revokeAccess(token, caller, actor)) {
            revokeRefresh(token, caller, actor);
        }
    }

    private boolean revokeAccess(String token, ServiceClient caller, String actor) {
        Optional<Principal> principal = introspection.introspect(token);
        if (principal.isEmpty()) {
            return false;
        }
        Principal p = principal.get();
        if (mayRevoke(caller, p.tenantId())) {
            revocations.revoke(new RevocationTarget.Token(p.tokenId(), p.tenantId()), p.expiresAt(), REASON, actor);
        }
        return true;
    }

    private boolean revokeRefresh(String token, ServiceClient caller, String actor) {
        return refreshTokens.revokeFamilyOf(token, actor, REASON, tenant -> mayRevoke(caller, tenant));
    }

    private static boolean mayRevoke(ServiceClient caller, String tenantId) {
        return caller.tenantId().equals(tenantId) || PlatformTenant.ID.equals(caller.tenantId());
    }
}
