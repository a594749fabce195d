package io.tollgate.auth.service.extauthz;

import io.tollgate.auth.config.ExtAuthzConfig;
import io.tollgate.auth.domain.TenantStatusUnavailableException;
import io.tollgate.auth.tenant.TenantAdmission;
import io.tollgate.auth.service.AuditLog;
import io.tollgate.common.auth.InvalidTokenException;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Decides one Envoy external-authorization check, for the gRPC and the HTTP mode alike: a bearer
 * token verified by {@link AuthzTokens} (Tollgate's own verifier or a trusted external issuer's),
 * its tenant admitted by {@link TenantAdmission}, the required roles and scopes present (from
 * configuration and from the route's context extensions {@code tenant}, {@code roles},
 * {@code scopes}), then the upstream headers of {@link UpstreamHeaders}. Every refusal is audited;
 * nothing of the token is ever logged.
 */
@Singleton
public class ExtAuthzService {
    /** Context extension: the only tenant this route serves. */
    public static final String CONTEXT_TENANT = "tenant";
    /** Context extension: comma-separated roles, at least one required. */
    public static final String CONTEXT_ROLES = "roles";
    /** Context extension: comma-separated scopes, all required. */
    public static final String CONTEXT_SCOPES = "scopes";

    private final AuthzTokens tokens;
    private final TenantAdmission tenants;
    private final UpstreamHeaders headers;
    private final ExtAuthzConfig config;
    private final AuditLog audit;

    public ExtAuthzService(AuthzTokens tokens, TenantAdmission tenants, UpstreamHeaders headers, ExtAuthzConfig config,
                           AuditLog audit) {
        this.tokens = tokens;
        this.tenants = tenants;
        this.headers = headers;
        this.config = config;
        this.audit = audit;
    }

    public AuthzDecision check(AuthzRequest request) {
        Optional<String> token = BearerToken.of(request.header("authorization"));
        if (token.isEmpty()) {
            return deny(request, null, DenyReason.MISSING_TOKEN);
        }
        AuthzIdentity identity;
        try {
            if (!BearerToken.isWellFormed(token.get())) {
                return deny(request, null, DenyReason.INVALID_TOKEN);
            }
            identity = tokens.verify(token.get());
        } catch (InvalidTokenException e) {
            return deny(request, null, switch (e.reason()) {
                case REVOKED -> DenyReason.REVOKED;
                case KEYS_UNAVAILABLE -> DenyReason.KEYS_UNAVAILABLE;
                default -> DenyReason.INVALID_TOKEN;
            });
        }
        try {
            if (!tenants.admitsLogins(identity.tenantId())) {
                return deny(request, identity, DenyReason.TENANT_REFUSED);
            }
        } catch (TenantStatusUnavailableException e) {
            return deny(request, identity, DenyReason.TENANT_STATUS_UNAVAILABLE);
        }
        String routeTenant = request.contextExtensions().get(CONTEXT_TENANT);
        if (routeTenant != null && !routeTenant.trim().equals(identity.tenantId())) {
            return deny(request, identity, DenyReason.WRONG_TENANT);
        }
        if (!hasAnyRole(identity, config.requiredRolesOrEmpty())
                || !hasAnyRole(identity, list(request.contextExtensions().get(CONTEXT_ROLES)))) {
            return deny(request, identity, DenyReason.MISSING_ROLE);
        }
        if (!identity.scopes().containsAll(config.requiredScopesOrEmpty())
                || !identity.scopes().containsAll(list(request.contextExtensions().get(CONTEXT_SCOPES)))) {
            return deny(request, identity, DenyReason.MISSING_SCOPE);
        }
        try {
            return headers.allow(identity, request);
        } catch (UpstreamHeaders.UnsafeHeaderValueException e) {
            return deny(request, identity, DenyReason.UNSAFE_HEADER_VALUE);
        }
    }

    private static boolean hasAnyRole(AuthzIdentity identity, List<String> required) {
        return required.isEmpty() || required.stream().anyMatch(identity.roles()::contains);
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private AuthzDecision.Deny deny(AuthzRequest request, AuthzIdentity identity, DenyReason reason) {
        audit.extAuthzDenied(identity == null ? null : identity.tenantId(),
                identity == null ? null : identity.subject(), request.clientAddress(), request.method(),
                request.target(), reason.name(), reason.httpStatus());
        return new AuthzDecision.Deny(reason);
    }
}
