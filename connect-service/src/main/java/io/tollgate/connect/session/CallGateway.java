package io.tollgate.connect.session;

import io.tollgate.common.auth.CallAuthenticator;
import io.tollgate.common.auth.CallRefusedException;
import io.tollgate.common.auth.Principal;
import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.cache.BoundedMemo;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.connect.message.MalformedRequestException;
import io.tollgate.connect.message.SparkMethod;
import io.tollgate.connect.message.SparkRequest;
import io.tollgate.connect.routing.BackendRoutes;
import io.tollgate.connect.routing.CloneSessionIds;
import io.tollgate.connect.routing.NoSparkBackendException;
import io.tollgate.connect.routing.SparkBackend;
import io.tollgate.proto.router.v1.Tenant;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * What the gateway decides about a call, in two steps: before any message is read, whether the
 * token and its tenant are accepted; at the first request, whether the token is still unexpired and
 * unrevoked (a call may wait between its headers and its first request), which backend serves it
 * and whether the tenant's limits allow it. Refusals are typed exceptions (common's, and this service's), mapped
 * to statuses by the wire.
 */
@Singleton
public class CallGateway {
    /** Principals whose callers are kept: beyond them, all are worked out again. */
    static final int MAX_CALLERS = 10_000;
    private final CallAuthenticator authenticator;
    private final TenantGate gate;
    private final BackendRoutes routes;
    private final CloneSessionIds cloneIds;
    private final TenantLimits limits;
    private final RevocationSet revocations;
    private final Clock clock = Clock.systemUTC();
    /**
     * The caller of each principal seen lately, so that a principal's account name is checked and its
     * user context serialized once, not on each of the several calls of every query. The token
     * verifier hands back one principal per token; revocation and expiry are checked on every call.
     */
    private final BoundedMemo<Principal, Caller> callers = new BoundedMemo<>(MAX_CALLERS, Caller::of);

    public CallGateway(CallAuthenticator authenticator, TenantGate gate, BackendRoutes routes, CloneSessionIds cloneIds,
                       TenantLimits limits, RevocationSet revocations) {
        this.authenticator = authenticator;
        this.gate = gate;
        this.routes = routes;
        this.cloneIds = cloneIds;
        this.limits = limits;
        this.revocations = revocations;
    }

    /**
     * A call admitted at its first request: its backend, its share of the tenant's limits, and its
     * first request as it goes on (a CloneSession's {@code new_session_id} chosen or checked).
     */
    public record Admitted(SparkBackend backend, TenantLimits.Permit permit, SparkRequest first) {
    }

    /**
     * The caller a bearer token speaks for, once its tenant is admitted.
     *
     * @throws CallRefusedException                                when the token is not accepted
     * @throws io.tollgate.common.tenant.TenantRefusedException when the tenant may not be served
     */
    public Caller authenticate(String token) throws CallRefusedException {
        Caller caller = callers.get(authenticator.bearer(token));
        gate.admit(caller.tenantId());
        return caller;
    }

    /**
     * Routes a call by its first request and takes its share of the tenant's limits.
     *
     * @throws CredentialsNoLongerValidException when the token has expired or been revoked since the call began
     * @throws NoSparkBackendException            when the tenant has no usable Spark Connect backend
     * @throws LimitExceededException             when a limit would be exceeded
     * @throws MalformedRequestException          when a CloneSession names a new session id that
     *                                            would live on another server than its source
     */
    public Admitted admit(Caller caller, SparkRequest first) throws CredentialsNoLongerValidException,
            NoSparkBackendException, LimitExceededException, MalformedRequestException {
        // Checked again here, not only at the headers: revocations are forgotten once the token
        // would have expired, so a call parked past both would otherwise run as a disabled user.
        if (!caller.principal().expiresAt().isAfter(clock.instant()) || revocations.isRevoked(caller.principal())) {
            throw new CredentialsNoLongerValidException();
        }
        Tenant tenant = gate.admit(caller.tenantId());
        String subject = caller.principal().subject();
        String accountName = caller.user().accountName();
        SparkBackend backend = routes.route(tenant, subject, accountName, first.sessionId());
        SparkRequest routed = first.method() == SparkMethod.CLONE_SESSION
                ? first.withNewSessionId(cloneIds.choose(tenant, subject, accountName, backend, first.newSessionId()))
                : first;
        return new Admitted(backend, limits.admit(tenant.getId(), tenant.getQuotas(), subject, routed), routed);
    }
}
