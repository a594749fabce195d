package io.tollgate.flight.tenant;

import com.zaxxer.hikari.HikariDataSource;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.LimitsConfig;
import jakarta.inject.Singleton;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

import java.sql.Connection;
import java.sql.Statement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

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
        BaseConnection physical = null;
        try {
            physical = connection.unwrap(BaseConnection.class);
            connection.setAutoCommit(false);
            connection.setReadOnly(principal.isReadOnly());
            boolean sameCaller = principal.subject().equals(lastCallers.get(physical));
            bind(connection, principal, route, limits, !sameCaller);
            lastCallers.put(physical, principal.subject());
            return session;
        } catch (SQLException | RuntimeException e) {
            if (physical != null) {
                lastCallers.remove(physical);
            }
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
    private static final String RESET_SESSION = "RESET ROLE; RESET ALL; DISCARD TEMP; CLOSE ALL; "
            + "UNLISTEN *; SELECT pg_advisory_unlock_all(); ";
    /**
     * Server-side prepared statements go too when the connection's last caller was someone else:
     * their text and their names are that caller's. A caller's own statements are kept for its next
     * call on the same connection, so that the driver need not parse and plan them again.
     */
    private static final String FORGET_STATEMENTS = "DEALLOCATE ALL; ";

    /**
     * Who last had each pooled connection (by its physical connection; forgotten with it). Updated
     * only once a binding succeeded, and cleared when one fails, so that a doubt means DEALLOCATE.
     */
    private final Map<BaseConnection, String> lastCallers = Collections.synchronizedMap(new WeakHashMap<>());

    private static void bind(Connection connection, Principal principal, TenantRoute route, LimitsConfig limits,
                             boolean forgetStatements) throws SQLException {
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
        StringBuilder sql = new StringBuilder(forgetStatements ? FORGET_STATEMENTS + RESET_SESSION : RESET_SESSION);
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
