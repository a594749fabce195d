package io.tollgate.flight.guard;

import io.tollgate.common.auth.AccessClass;
import io.tollgate.common.auth.Principal;
import io.tollgate.flight.config.FlightConfig;
import io.tollgate.flight.tenant.TenantRoutes;
import jakarta.inject.Singleton;

/**
 * Where a caller's SQL text enters: refused unless it is one statement that the caller's access
 * class may run in its tenant's isolation mode ({@link StatementPolicy}), and no longer than the
 * service allows. Checked when a statement is prepared and again when it runs (a handle outlives
 * a change of the tenant's route).
 */
@Singleton
public class StatementGate {
    private final TenantRoutes routes;
    private final int maxSqlLength;

    public StatementGate(TenantRoutes routes, FlightConfig config) {
        this.routes = routes;
        this.maxSqlLength = config.maxSqlLength();
    }

    /** Admits the caller's SQL or throws {@link StatementRefusedException} (or IllegalArgumentException for its size). */
    public StatementKind admit(Principal principal, String sql) {
        if (sql == null || sql.isBlank() || sql.length() > maxSqlLength) {
            throw new IllegalArgumentException("SQL text is empty or longer than " + maxSqlLength + " characters");
        }
        boolean shared = routes.resolve(principal.tenantId()).sharedRls();
        return StatementPolicy.admit(sql, AccessClass.of(principal), shared);
    }

    /** Admits work of this kind whose SQL the gateway writes itself (bulk ingest's CREATE, DROP and INSERT). */
    public void admit(Principal principal, StatementKind kind) {
        StatementPolicy.check(kind, AccessClass.of(principal), routes.resolve(principal.tenantId()).sharedRls());
    }
}
