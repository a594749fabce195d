package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.LimitsConfig;
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
    private final LimitsConfig limits;

    public TenantSessions(TenantPools pools, LimitsConfig limits) {
        this.pools = pools;
        this.limits = limits;
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
            bind(connection, principal, route, limits);
            return session;
        } catch (SQLException | RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Statements that clear whatever an earlier caller of this pooled connection left in the session
     * (prepared statements, a role, settings such as search_path or row_security, temp tables, held
     * cursors, advisory locks, listens), so that no call sees or runs another's state, even state
     * made by SQL the gateway could not see (dynamic SQL in a function). All are allowed inside a
     * transaction, read-only ones included; the driver notices DEALLOCATE ALL and prepares its own
     * statements again.
     */
    private static final String RESET_SESSION = "DEALLOCATE ALL; RESET ROLE; RESET ALL; DISCARD TEMP; CLOSE ALL; "
            + "UNLISTEN *; SELECT pg_advisory_unlock_all(); ";

    private static void bind(Connection connection, Principal principal, TenantRoute route, LimitsConfig limits)
            throws SQLException {
        List<String[]> settings = new ArrayList<>();
        for (TenantRoute.ContextVariable variable : route.contextVariables()) {
            settings.add(new String[] {variable.name(), valueOf(variable, principal)});
        }
        if (settings.isEmpty() && route.sharedRls()) {
            // A shared database without a tenant context would rely on RLS seeing nothing;
            // refuse instead of guessing.
            throw new TenantUnavailableException(TenantUnavailableException.Kind.MISCONFIGURED);
        }
        if (route.quotas().statementTimeoutMs() > 0) {
            settings.add(new String[] {"statement_timeout", Long.toString(route.quotas().statementTimeoutMs())});
        }
        // The platform's limits, whatever the database's or the role's defaults say; and strings
        // lexed the way the gateway's classifier lexes them.
        settings.add(new String[] {"lock_timeout", Long.toString(limits.lockTimeout().toMillis())});
        settings.add(new String[] {"idle_in_transaction_session_timeout",
                Long.toString(limits.idleInTransactionTimeout().toMillis())});
        settings.add(new String[] {"standard_conforming_strings", "on"});
        settings.add(new String[] {"row_security", "on"});
        // One round trip: reset the session, then bind the context transaction-locally.
        StringBuilder sql = new StringBuilder(RESET_SESSION);
        sql.append("SELECT ");
        for (int i = 0; i < settings.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("set_config(").append(literal(settings.get(i)[0]))
                    .append(", ").append(literal(settings.get(i)[1])).append(", true)");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql.toString());
        }
    }

    /**
     * An escape-string literal ({@code E'...'}, backslashes and quotes escaped by the driver): read the
     * same whatever standard_conforming_strings the reset left (a role's own default could turn it off).
     */
    private static String literal(String value) throws SQLException {
        return "E'" + Utils.escapeLiteral(null, value, false) + "'";
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
