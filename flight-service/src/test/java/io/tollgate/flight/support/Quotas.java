package io.tollgate.flight.support;

import io.tollgate.proto.router.v1.Tenant;

/** Tenants with quotas, as an administrator sets them in router-service. */
public final class Quotas {
    private Quotas() {
    }

    /** The tenant with these quotas (0 = the service's default). */
    public static Tenant with(Tenant tenant, int maxConcurrentQueries, long maxResultRows, long maxResultBytes) {
        return tenant.toBuilder()
                .setQuotas(io.tollgate.proto.router.v1.Quotas.newBuilder()
                        .setMaxConcurrentQueries(maxConcurrentQueries)
                        .setMaxResultRows(maxResultRows)
                        .setMaxResultBytes(maxResultBytes))
                .build();
    }
}
