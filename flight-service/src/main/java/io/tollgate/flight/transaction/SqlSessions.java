package io.tollgate.flight.transaction;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.quota.ConcurrentQueries;
import io.tollgate.flight.quota.QueryPermit;
import io.tollgate.flight.tenant.TenantRoute;
import io.tollgate.flight.tenant.TenantSession;
import io.tollgate.flight.tenant.TenantSessions;
import io.tollgate.flight.tenant.TenantRoutes;
import io.tollgate.flight.statement.RowBytes;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;

/** Gives a call the session its SQL runs in: its own transaction, or the client's open one. */
@Singleton
public class SqlSessions {
    private final TenantRoutes routes;
    private final TenantSessions sessions;
    private final TransactionRegistry registry;
    private final TransactionIdCodec ids;
    private final ConcurrentQueries concurrentQueries;

    public SqlSessions(TenantRoutes routes, TenantSessions sessions, TransactionRegistry registry,
                       TransactionIdCodec ids, ConcurrentQueries concurrentQueries) {
        this.routes = routes;
        this.sessions = sessions;
        this.registry = registry;
        this.ids = ids;
        this.concurrentQueries = concurrentQueries;
    }

    /**
     * A session for work that is not one of the client's statements (describing a statement,
     * catalog questions): short, and not counted against the tenant's quotas.
     *
     * @param transactionId the client's transaction, or null/empty for a transaction of the call's own
     */
    public SqlSession open(Principal principal, byte[] transactionId) throws SQLException {
        SqlSession session = transactionId == null || transactionId.length == 0
                ? new OwnTransaction(sessions.open(principal, routes.resolve(principal.tenantId())))
                : new ClientTransaction(registry.lease(ids.read(transactionId), principal));
        return withRowCountCleared(session);
    }

    /** The session, its driver's row count cleared for the work about to run (see {@link RowBytes}). */
    private static <S extends SqlSession> S withRowCountCleared(S session) throws SQLException {
        try {
            RowBytes.clear(session.connection());
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * A session for one of the client's statements (a query, an update, an ingest): admitted
     * against the tenant's concurrent-query quota before it takes a connection, counted until it
     * is closed, and carrying the quotas of the route it was admitted under. Inside a client's
     * transaction the route is resolved too, so a suspended tenant's open transaction runs nothing
     * more.
     *
     * @param transactionId the client's transaction, or null/empty for a transaction of the call's own
     * @throws io.tollgate.flight.quota.QuotaExceededException when the tenant runs as many as it may
     */
    public StatementSession openStatement(Principal principal, byte[] transactionId) throws SQLException {
        TenantRoute route = routes.resolve(principal.tenantId());
        QueryPermit permit = concurrentQueries.admit(route);
        try {
            SqlSession session = transactionId == null || transactionId.length == 0
                    ? new OwnTransaction(sessions.open(principal, route))
                    : new ClientTransaction(registry.lease(ids.read(transactionId), principal));
            return withRowCountCleared(new StatementSession(session, permit, route.quotas()));
        } catch (Throwable e) {
            permit.close();
            throw e;
        }
    }

    /** Runs work in a transaction of its own (committed when the work succeeds) and returns its result. */
    public <T> T run(Principal principal, SqlWork<T> work) throws SQLException {
        try (SqlSession session = open(principal, null)) {
            T result = work.run(session.connection());
            session.complete();
            return result;
        }
    }

    private record OwnTransaction(TenantSession session) implements SqlSession {
        @Override
        public Connection connection() {
            return session.connection();
        }

        @Override
        public boolean inClientTransaction() {
            return false;
        }

        @Override
        public void complete() throws SQLException {
            session.commit();
        }

        @Override
        public void abandon() {
            session.abandon();
        }

        @Override
        public void close() throws SQLException {
            session.close();
        }
    }

    private record ClientTransaction(TransactionLease lease) implements SqlSession {
        @Override
        public Connection connection() {
            return lease.session().connection();
        }

        @Override
        public boolean inClientTransaction() {
            return true;
        }

        @Override
        public void complete() {
            // The client commits with EndTransaction.
        }

        @Override
        public void abandon() {
            lease.session().abandon();
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
