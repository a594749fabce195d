package io.tollgate.connect.session;

import io.tollgate.common.auth.RevocationSet;
import io.tollgate.common.tenant.TenantGate;
import io.tollgate.common.tenant.TenantStanding;
import io.tollgate.connect.config.ConnectConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The calls open now, from the moment their headers are accepted, checked every
 * {@code revocation-check-interval} against the revocations auth-service streams (token, subject,
 * tenant) and the tenant's standing in the registry: a call whose credentials were revoked, or
 * whose tenant was suspended, is ended (and its operation interrupted) by the gateway, not left to
 * run to its end. A call that has sent no request within {@code first-request-timeout} is ended
 * too: a parked call would hold a connection's slot, and its token, for nothing. Bounded by the
 * server's calls per connection and the tenants' limits.
 */
@Singleton
public class OpenCalls {
    private static final Logger LOG = LoggerFactory.getLogger(OpenCalls.class);

    /** A call the gateway can end. */
    public interface OpenCall {
        Caller caller();

        /** Whether the call's first request has arrived (it was admitted, or refused). */
        boolean hasFirstRequest();

        /** Ends the call for this reason; a call that has ended already ignores it. */
        void end(EndReason reason);
    }

    /** Each open call and when it was added (nanoTime). */
    private final Map<OpenCall, Long> calls = new ConcurrentHashMap<>();
    private final RevocationSet revocations;
    private final TenantGate gate;
    private final long firstRequestNanos;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "open-call-checker");
        thread.setDaemon(true);
        return thread;
    });

    public OpenCalls(RevocationSet revocations, TenantGate gate, ConnectConfig config) {
        this.revocations = revocations;
        this.gate = gate;
        this.firstRequestNanos = config.firstRequestTimeout().toNanos();
        long period = config.revocationCheckInterval().toMillis();
        checker.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    public void add(OpenCall call) {
        calls.put(call, System.nanoTime());
    }

    public void remove(OpenCall call) {
        calls.remove(call);
    }

    /** Calls open now. */
    public int size() {
        return calls.size();
    }

    /** Calls open now for this subject ({@code name@tenant}): for tests and operators. */
    public long openFor(String subject) {
        return calls.keySet().stream().filter(call -> call.caller().principal().subject().equals(subject)).count();
    }

    void check() {
        long now = System.nanoTime();
        for (Map.Entry<OpenCall, Long> open : calls.entrySet()) {
            OpenCall call = open.getKey();
            try {
                Caller caller = call.caller();
                if (now - open.getValue() >= firstRequestNanos && !call.hasFirstRequest()) {
                    call.end(EndReason.NO_REQUEST_IN_TIME);
                } else if (revocations.isRevoked(caller.principal())) {
                    call.end(EndReason.CREDENTIALS_REVOKED);
                } else {
                    TenantStanding standing = gate.standing(caller.tenantId());
                    if (standing == TenantStanding.SUSPENDED || standing == TenantStanding.UNKNOWN) {
                        call.end(EndReason.TENANT_NOT_AVAILABLE);
                    }
                }
            } catch (RuntimeException e) {
                // One call's failure must not stop the checks of the others (or of later rounds).
                LOG.warn("could not check an open Spark Connect call", e);
            }
        }
    }

    @PreDestroy
    void close() {
        checker.shutdownNow();
    }
}
