package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.common.auth.Principal;
import jakarta.inject.Singleton;
import org.postgresql.core.Utils;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens transactions on a tenant's backend with its context bound. The context variables are
 * set transaction-locally ({@code set_config(name, value, true)}) in the same transaction as the
 * caller's SQL, so they can never outlive it on a pooled connection; a variable whose value is
 * unknown fails the call rather than running without it (fail closed).
 */
@Singleton
public class TenantSessions {
    private final TenantPools pools;

    public TenantSessions(TenantPools pools) {
        this.pools = pools;
    }

    public TenantSession open(Principal principal, TenantRoute route) throws SQLException {
        HikariDataSource pool = pools.poolFor(route, io.tollgate.common.auth.AccessClass.of(principal));
        Connection connection;
        try {
            connection = pool.getConnection();
        } catch (SQLTransientConnectionException e) {
            throw new TenantUnavailableException(TenantUnavailableException.Kind.BACKEND_UNREACHABLE);
        }
        TenantSession session = new TenantSession(connection, pool);
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(principal.isReadOnly());
            bind(connection, principal, route);
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Statements that clear whatever an earlier caller of this pooled connection left in the session
     * (settings such as search_path or row_security, temp tables, held cursors, advisory locks,
     * listens), so that no call sees another's state. All are allowed inside a transaction, read-only
     * ones included.
     */
    private static final String RESET_SESSION =
            "RESET ALL; DISCARD TEMP; CLOSE ALL; UNLISTEN *; SELECT pg_advisory_unlock_all(); ";

    private static void bind(Connection connection, Principal principal, TenantRoute route) throws SQLException {
        List<String[]> settings = new ArrayList<>();
        for (TenantRoute.ContextVariable variable : route.contextVariables()) {
            settings.add(new String[] {variable.name(), valueOf(variable, principal)});
        }
        if (route.quotas().statementTimeoutMs() > 0) {
            settings.add(new String[] {"statement_timeout", Long.toString(route.quotas().statementTimeoutMs())});
        }
        if (settings.isEmpty() && route.sharedRls()) {
            // A shared database without a tenant context would rely on RLS seeing nothing;
            // refuse instead of guessing.
            throw new TenantUnavailableException(TenantUnavailableException.Kind.MISCONFIGURED);
        }
        // One round trip: reset the session, then bind the context transaction-locally.
        StringBuilder sql = new StringBuilder(RESET_SESSION);
        if (!settings.isEmpty()) {
            sql.append("SELECT ");
            for (int i = 0; i < settings.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("set_config(").append(literal(settings.get(i)[0]))
                        .append(", ").append(literal(settings.get(i)[1])).append(", true)");
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    /** A string literal, escaped by the driver for standard_conforming_strings (PostgreSQL's default). */
    private static String literal(String value) throws SQLException {
        return "'" + Utils.escapeLiteral(null, value, true) + "'";
    }

    private static String valueOf(TenantRoute.ContextVariable variable, Principal principal) {
        String value = switch (variable.source()) {
            case TENANT_ID -> principal.tenantId();
            case SUBJECT -> principal.subject();
            case ROLES -> String.join(",", principal.roles().stream().sorted().toList());
            // Claims beyond the standard ones are not carried yet: refuse rather than bind nothing.
            case CLAIM -> null;
        };
        if (value == null || value.isEmpty()) {
            throw new TenantUnavailableException(TenantUnavailableException.Kind.MISCONFIGURED);
        }
        return value;
    }
}
