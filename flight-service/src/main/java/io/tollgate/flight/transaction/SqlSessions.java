package io.tollgate.flight.transaction;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.tenant.TenantSession;
import io.tollgate.flight.tenant.TenantSessions;
import io.tollgate.flight.tenant.TenantRoutes;
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

    public SqlSessions(TenantRoutes routes, TenantSessions sessions, TransactionRegistry registry,
                       TransactionIdCodec ids) {
        this.routes = routes;
        this.sessions = sessions;
        this.registry = registry;
        this.ids = ids;
    }

    /**
     * @param transactionId the client's transaction, or null/empty for a transaction of the call's own
     */
    public SqlSession open(Principal principal, byte[] transactionId) throws SQLException {
        if (transactionId == null || transactionId.length == 0) {
            return new OwnTransaction(sessions.open(principal, routes.resolve(principal.tenantId())));
        }
        return new ClientTransaction(registry.lease(ids.read(transactionId), principal));
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
        public void abort() throws SQLException {
            session.abort();
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
        public void abort() throws SQLException {
            lease.session().abort();
        }

        @Override
        public void close() {
            lease.close();
        }
    }
}
