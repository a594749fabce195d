package io.tollgate.auth.service;

import io.micronaut.core.annotation.Nullable;
import io.tollgate.auth.domain.Revocation;
import io.tollgate.auth.metrics.AuthMetrics;
import io.tollgate.common.audit.AuditLine;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.tenant.AccountName;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;

/**
 * auth-service's audit trail, in the shared form of common's {@link AuditLine} (logger
 * {@code io.tollgate.audit}, routed apart). Each line is {@code event=<name>} followed by
 * {@code key=value} fields: who (tenant, subject, client_id), from
 * where (address), what happened and why. Never a password, a secret or a token; a token is named
 * by its jti, a refresh-token family by its id.
 * <p>
 * Every token issued and every refused login, client authentication, refresh and rate-limited
 * attempt passes here, so each is counted here too ({@link AuthMetrics}): one place, no path missed.
 */
@Singleton
public class AuditLog {
    private static final Logger AUDIT = LoggerFactory.getLogger(AuditLine.LOGGER);

    private final AuthMetrics metrics;

    public AuditLog(AuthMetrics metrics) {
        this.metrics = metrics;
    }

    /** Why a login failed; for operators only, never told to the caller. */
    public enum FailureReason {
        MALFORMED_NAME, BLANK_PASSWORD, UNKNOWN_ACCOUNT, WRONG_PASSWORD, DISABLED, LOCKED, TENANT_REFUSED
    }

    /** Why a service client's authentication failed. */
    public enum ClientFailureReason { MALFORMED, UNKNOWN_CLIENT, WRONG_SECRET, DISABLED, TENANT_REFUSED }

    public void loginSucceeded(AccountName account, String address) {
        AUDIT.info("event=login.succeeded tenant={} subject={} address={}", account.tenantId(), account,
                clean(address));
    }

    public void loginFailed(AccountName account, String address, FailureReason reason) {
        metrics.refused(reason.name());
        AUDIT.info("event=login.failed tenant={} subject={} address={} reason={}", account.tenantId(), account,
                clean(address), reason);
    }

    /**
     * A name that does not parse is not logged: it is often a password typed into the wrong
     * field.
     */
    public void loginFailedMalformedName(String address) {
        metrics.refused(FailureReason.MALFORMED_NAME.name());
        AUDIT.info("event=login.failed tenant=- subject=- address={} reason={}", clean(address),
                FailureReason.MALFORMED_NAME);
    }

    public void accountLocked(AccountName account, String address, int consecutiveFailures, Instant until) {
        AUDIT.warn("event=account.locked tenant={} subject={} address={} failures={} until={}", account.tenantId(),
                account, clean(address), consecutiveFailures, until);
    }

    public void tenantUnavailable(String tenantId, String address) {
        metrics.refused("tenant_registry_unavailable");
        AUDIT.warn("event=login.unavailable tenant={} address={} reason=TENANT_REGISTRY_UNAVAILABLE", tenantId,
                clean(address));
    }

    public void clientAuthenticated(String clientId, String tenantId, String address) {
        AUDIT.info("event=client.authenticated tenant={} client_id={} address={}", tenantId, clientId, clean(address));
    }

    /** The client id is logged only when it is well-formed (else it may be a misplaced secret). */
    public void clientAuthenticationFailed(@Nullable String clientId, @Nullable String tenantId, String address,
                                           ClientFailureReason reason) {
        metrics.refused("client_" + reason.name());
        AUDIT.info("event=client.failed tenant={} client_id={} address={} reason={}", orDash(tenantId),
                orDash(clientId), clean(address), reason);
    }

    public void tokenIssued(String grant, Principal principal, @Nullable String clientId, String address) {
        metrics.issued(grant, principal.tenantId());
        AUDIT.info("event=token.issued grant={} tenant={} subject={} client_id={} address={} jti={} scope={} exp={}",
                grant, principal.tenantId(), principal.subject(), orDash(clientId), clean(address),
                principal.tokenId(), String.join(" ", principal.scopes().stream().sorted().toList()),
                principal.expiresAt());
    }

    public void refreshRefused(@Nullable String tenantId, @Nullable String subject, String address, String reason) {
        metrics.refused("refresh_" + reason);
        AUDIT.info("event=refresh.refused tenant={} subject={} address={} reason={}", orDash(tenantId),
                orDash(subject), clean(address), reason);
    }

    public void refreshReused(UUID familyId, String tenantId, String subject, String address, int accessTokensRevoked) {
        AUDIT.warn("event=refresh.reused tenant={} subject={} address={} family={} access_tokens_revoked={}",
                tenantId, subject, clean(address), familyId, accessTokensRevoked);
    }

    public void familyRevoked(UUID familyId, String tenantId, String subject, String actor, String reason,
                              int accessTokensRevoked) {
        AUDIT.info("event=refresh.family_revoked tenant={} subject={} family={} actor={} reason={} "
                + "access_tokens_revoked={}", tenantId, subject, familyId, clean(actor), clean(reason),
                accessTokensRevoked);
    }

    public void revoked(Revocation revocation) {
        AUDIT.info("event=revocation sequence={} kind={} value={} tenant={} revoked_at={} expires_at={} actor={} "
                        + "reason={}", revocation.sequence(), revocation.target().kind(),
                clean(revocation.target().value()), orDash(revocation.target().tenantId()), revocation.revokedAt(),
                revocation.expiresAt(), clean(revocation.actor()), clean(revocation.reason()));
    }

    public void rateLimited(String limit, String address) {
        metrics.refused("rate_limited_" + limit);
        AUDIT.info("event=rate_limited limit={} address={}", limit, clean(address));
    }

    /**
     * Envoy's external authorization refused a request. The target is host and path without the
     * query string; tenant and subject are those of the token when it verified (else "-").
     */
    public void extAuthzDenied(@Nullable String tenantId, @Nullable String subject, @Nullable String address,
                               String method, String target, String reason, int status) {
        AUDIT.info("event=ext_authz.denied tenant={} subject={} address={} action={} target={} reason={} status={}",
                orDash(tenantId), orDash(subject), clean(address), clean(method), clean(target), reason, status);
    }

    /**
     * An operator changed something through the admin API.
     *
     * @param actorTenant the administrator's tenant
     * @param actor       the administrator (the token's subject)
     * @param address     where the call came from
     * @param action      what was done, e.g. {@code account.create}
     * @param tenantId    the tenant of what was changed
     * @param target      what was changed: an account, a client id, a family, a revocation target
     * @param detail      what changed, never a secret (roles, status, "generated")
     */
    public void adminChange(String actorTenant, String actor, @Nullable String address, String action,
                            @Nullable String tenantId, String target, @Nullable String detail) {
        AUDIT.info("event=admin.change action={} tenant={} subject={} actor_tenant={} address={} target={} detail={}",
                action, orDash(tenantId), clean(actor), clean(actorTenant), clean(address), clean(target),
                orDash(detail));
    }

    private static String orDash(String text) {
        return text == null ? "-" : clean(text);
    }

    // Caller-supplied text: on one line and short, as every service's audit line.
    static String clean(String text) {
        return AuditLine.clean(text);
    }
}
