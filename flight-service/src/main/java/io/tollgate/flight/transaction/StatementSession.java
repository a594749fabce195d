package io.tollgate.flight.transaction;

import io.tollgate.flight.quota.QueryPermit;
import io.tollgate.flight.tenant.TenantRoute;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The session of one client statement, holding its tenant's concurrent-query permit: closing it
 * closes the session first (the connection goes back to its pool) and then gives the permit back,
 * whatever happened to the statement.
 */
public final class StatementSession implements SqlSession {
    private final SqlSession session;
    private final QueryPermit permit;
    private final TenantRoute.Quotas quotas;

    StatementSession(SqlSession session, QueryPermit permit, TenantRoute.Quotas quotas) {
        this.session = session;
        this.permit = permit;
        this.quotas = quotas;
    }

    /** The tenant's quotas as they were when the statement was admitted. */
    public TenantRoute.Quotas quotas() {
        return quotas;
    }

    @Override
    public Connection connection() {
        return session.connection();
    }

    @Override
    public boolean inClientTransaction() {
        return session.inClientTransaction();
    }

    @Override
    public void complete() throws SQLException {
        session.complete();
    }

    @Override
    public void abandon() {
        session.abandon();
    }

    /**
     * Gives the tenant's permit back before the session ends, for a statement whose result is
     * complete but whose transaction is still being closed: the statement no longer runs, and the
     * client's next one must not be refused because of it.
     */
    public void releasePermit() {
        permit.close();
    }

    @Override
    public void close() throws SQLException {
        try {
            session.close();
        } finally {
            permit.close();
        }
    }
}
