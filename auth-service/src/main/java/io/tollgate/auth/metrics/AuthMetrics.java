package io.tollgate.auth.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tollgate.common.metrics.TenantTags;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Counts what the token paths decide. {@code grant} and {@code reason} are this service's own
 * constants (grant names, failure reasons), never a caller's text, so both stay few.
 */
@Singleton
public class AuthMetrics {
    static final String ISSUED = "tollgate.auth.tokens.issued";
    static final String REFUSED = "tollgate.auth.tokens.refused";

    private final MeterRegistry registry;
    private final TenantTags tenants;

    public AuthMetrics(MeterRegistry registry, TenantTags tenants) {
        this.registry = registry;
        this.tenants = tenants;
    }

    /** An access token was issued to a verified principal of {@code tenantId}. */
    public void issued(String grant, String tenantId) {
        Counter.builder(ISSUED).description("Access tokens issued")
                .tag("grant", tag(grant)).tag("tenant", tenants.of(tenantId))
                .register(registry).increment();
    }

    /** A token request or login was refused. */
    public void refused(String reason) {
        Counter.builder(REFUSED).description("Token requests and logins refused")
                .tag("reason", tag(reason))
                .register(registry).increment();
    }

    private static String tag(String constant) {
        return constant.toLowerCase(Locale.ROOT);
    }
}
