package io.tollgate.flight.transaction;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.tenant.TenantPools;
import io.tollgate.flight.tenant.TenantRoute;
import io.tollgate.flight.tenant.TenantRoutes;
import io.tollgate.flight.tenant.TenantSession;
import io.tollgate.flight.tenant.TenantSessions;
import jakarta.inject.Singleton;

import java.sql.SQLException;

/**
 * Begins and ends client transactions. A transaction is one tenant session (one backend
 * transaction with the tenant context bound, read-only for readers) held open on this replica
 * between calls; its id is signed and names the tenant, subject and replica.
 */
@Singleton
public class TransactionService {
    private final TenantRoutes routes;
    private final TenantSessions sessions;
    private final TransactionRegistry registry;
    private final TransactionIdCodec ids;

    public TransactionService(TenantRoutes routes, TenantSessions sessions, TransactionRegistry registry,
                              TransactionIdCodec ids) {
        this.routes = routes;
        this.sessions = sessions;
        this.registry = registry;
        this.ids = ids;
    }

    /** Begins a transaction; returns its signed id. */
    public byte[] begin(Principal principal) throws SQLException {
        TenantRoute route = routes.resolve(principal.tenantId());
        TenantSession session = sessions.open(principal, route);
        try {
            AccessClass accessClass = AccessClass.of(principal);
            return ids.issue(registry.register(principal, session, route.logins().of(accessClass).username(),
                    poolLimit(route, accessClass)));
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    public void commit(Principal principal, byte[] transactionId) throws SQLException {
        registry.end(ids.read(transactionId), principal, true);
    }

    public void rollback(Principal principal, byte[] transactionId) throws SQLException {
        registry.end(ids.read(transactionId), principal, false);
    }

    // Leave the pool the transaction's connection came from (its access class's login's) at least
    // one connection for calls outside transactions.
    private static int poolLimit(TenantRoute route, AccessClass accessClass) {
        int poolSize = TenantPools.maximumPoolSize(route, accessClass);
        return Math.max(1, poolSize - 1);
    }
}
