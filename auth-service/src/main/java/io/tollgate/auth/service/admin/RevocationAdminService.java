package io.tollgate.auth.service.admin;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.domain.RevocationTarget;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.auth.service.IntrospectionService;
import io.tollgate.auth.service.revocation.RevocationService;
import io.tollgate.common.auth.Principal;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * The revocation log through the admin API: the newest entries (a tenant-admin sees its tenant's
 * only) and new revocations of a token, a subject or a tenant. A tenant-admin revokes a token by
 * presenting it (so that its tenant is known); revoking by jti alone is for platform admins.
 */
@Singleton
public class RevocationAdminService {
    static final int MAX_LIMIT = 1000;

    /** What to revoke. */
    public enum Kind { TOKEN, SUBJECT, TENANT }

    private final RevocationService revocations;
    private final IntrospectionService introspection;
    private final AdminPolicy policy;
    private final AuditLog audit;

    public RevocationAdminService(RevocationService revocations, IntrospectionService introspection,
                                  AdminPolicy policy, AuditLog audit) {
        this.revocations = revocations;
        this.introspection = introspection;
        this.policy = policy;
        this.audit = audit;
    }

    public List<Revocation> recent(AdminCaller caller, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new AdminInputException("limit", "must be 1 to " + MAX_LIMIT);
        }
        return revocations.recent(policy.listedTenant(caller, null), limit);
    }

    /**
     * Records a revocation.
     *
     * @param kind     token, subject or tenant
     * @param token    for a token: the token itself
     * @param tokenId  for a token: its jti (platform admins only)
     * @param subject  for a subject: name@tenant or a client id
     * @param tenantId for a subject or a tenant
     */
    public Revocation revoke(AdminCaller caller, @Nullable String kind, @Nullable String token,
                             @Nullable String tokenId, @Nullable String subject, @Nullable String tenantId,
                             @Nullable String reason) {
        String why = AdminInput.reason(reason);
        RevocationTarget target;
        Instant tokenExpiresAt = null;
        switch (kind(kind)) {
            case TOKEN -> {
                if (token != null) {
                    Principal principal = introspection.introspect(token)
                            .orElseThrow(() -> new AdminInputException("token", "is not an active token of this service"));
                    policy.requireVisible(caller, principal.tenantId(), "token");
                    target = new RevocationTarget.Token(principal.tokenId(), principal.tenantId());
                    tokenExpiresAt = principal.expiresAt();
                } else if (tokenId != null && !tokenId.isBlank() && tokenId.length() <= 256) {
                    if (!caller.isPlatformAdmin()) {
                        throw new AdminInputException("tokenId", "tenant administrators revoke a token by the token");
                    }
                    target = new RevocationTarget.Token(tokenId, null);
                } else {
                    throw new AdminInputException("token", "a token (or, for platform admins, a tokenId) is required");
                }
            }
            case SUBJECT -> {
                if (subject == null || subject.isBlank() || subject.length() > 256) {
                    throw new AdminInputException("subject", "is required: name@tenant or a client id");
                }
                String tenant = AdminInput.tenant("tenantId", tenantId);
                policy.requireVisible(caller, tenant, "tenant");
                target = new RevocationTarget.Subject(tenant, subject);
            }
            case TENANT -> {
                String tenant = AdminInput.tenant("tenantId", tenantId);
                policy.requireVisible(caller, tenant, "tenant");
                target = new RevocationTarget.Tenant(tenant);
            }
            default -> throw new IllegalStateException();
        }
        Revocation revocation = revocations.revoke(target, tokenExpiresAt, why, caller.actor());
        audit.adminChange(caller.tenantId(), caller.subject(), caller.address(), "revocation." + target.kind(),
                target.tenantId(), target.value(), "sequence=" + revocation.sequence());
        return revocation;
    }

    private static Kind kind(String kind) {
        if (kind != null) {
            for (Kind k : Kind.values()) {
                if (k.name().equalsIgnoreCase(kind)) {
                    return k;
                }
            }
        }
        throw new AdminInputException("kind", "must be token, subject or tenant");
    }
}
