package io.tollgate.flight.guard;

import io.tollgate.flight.error.InvalidRequestException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
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
    /** Characters of admitted statement text remembered per replica (point queries repeat theirs). */
    private static final long ADMITTED_TEXT_CHARS = 8L << 20;

    private final int maxSqlLength;
    private final Cache<Admission, StatementKind> admitted = Caffeine.newBuilder()
            .maximumWeight(ADMITTED_TEXT_CHARS)
            .weigher((Admission admission, StatementKind kind) -> admission.sql().length())
            .build();

    public StatementGate(TenantRoutes routes, FlightConfig config) {
        this.routes = routes;
        this.maxSqlLength = config.maxSqlLength();
    }

    /** Admits the caller's SQL or throws {@link StatementRefusedException} (or {@link InvalidRequestException} for its size). */
    public StatementKind admit(Principal principal, String sql) {
        if (sql == null || sql.isBlank() || sql.length() > maxSqlLength) {
            throw new InvalidRequestException("SQL text is empty or longer than " + maxSqlLength + " characters");
        }
        Admission admission = new Admission(sql, AccessClass.of(principal),
                routes.resolve(principal.tenantId()).sharedRls());
        StatementKind known = admitted.getIfPresent(admission);
        if (known != null) {
            return known;
        }
        StatementKind kind = StatementPolicy.admit(sql, admission.accessClass(), admission.shared());
        admitted.put(admission, kind);
        return kind;
    }

    /** A text admitted for a class in a mode: the same text is admitted again without lexing it. */
    private record Admission(String sql, AccessClass accessClass, boolean shared) {
    }

    /** Admits work of this kind whose SQL the gateway writes itself (bulk ingest's CREATE, DROP and INSERT). */
    public void admit(Principal principal, StatementKind kind) {
        StatementPolicy.check(kind, AccessClass.of(principal), routes.resolve(principal.tenantId()).sharedRls());
    }
}
