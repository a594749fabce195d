package io.tollgate.router.support;

import io.tollgate.router.domain.ContextVariable;
import io.tollgate.router.domain.CredentialsRef;
import io.tollgate.router.domain.IsolationMode;
import io.tollgate.router.domain.PoolLimits;
import io.tollgate.router.domain.Quotas;
import io.tollgate.router.domain.SqlBackend;
import io.tollgate.router.domain.TenantDefinition;
import io.tollgate.router.domain.TenantStatus;

import java.util.Map;

/** Tenant definitions for tests that write through the service rather than the admin API. */
public final class Definitions {
    private Definitions() {
    }

    public static TenantDefinition tenant(String id) {
        return withLabels(id, Map.of());
    }

    public static TenantDefinition withLabels(String id, Map<String, String> labels) {
        return new TenantDefinition(id, id, TenantStatus.ACTIVE, labels,
                new SqlBackend("jdbc:postgresql://db.example:5432/shared", IsolationMode.SHARED_RLS,
                        new CredentialsRef(id.replace('-', '_') + "_app", "literal:pw-" + id), PoolLimits.DEFAULTS),
                ContextVariable.DEFAULTS, Quotas.SERVICE_DEFAULTS);
    }
}
