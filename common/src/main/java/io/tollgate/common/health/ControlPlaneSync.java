package io.tollgate.common.health;

import io.micronaut.context.annotation.Value;
import io.tollgate.common.auth.RevocationWatcher;
import io.tollgate.common.tenant.TenantDirectory;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a data service has what it needs to answer anyone: its copy of the tenant registry
 * (first snapshot from router-service) and the revocation log (caught up with auth-service).
 * Before that every caller is refused, fail closed, so the service must not be sent traffic.
 * Once synced it stays ready through an outage of either: the copies keep serving.
 */
@Singleton
public class ControlPlaneSync {
    private final Optional<TenantDirectory> directory;
    private final Optional<RevocationWatcher> revocations;

    /**
     * @param directoryGatesReadiness {@code tollgate.tenants.directory-gates-readiness} (default
     *                                true): false in auth-service, which must keep logging platform
     *                                administrators in and serving its JWKS while router-service is
     *                                away; its logins refuse tenants themselves until the directory
     *                                is synced
     */
    public ControlPlaneSync(Optional<TenantDirectory> directory, Optional<RevocationWatcher> revocations,
                            @Value("${tollgate.tenants.directory-gates-readiness:true}") boolean directoryGatesReadiness) {
        this.directory = directoryGatesReadiness ? directory : Optional.empty();
        this.revocations = revocations;
    }

    public boolean ready() {
        return directory.map(TenantDirectory::synced).orElse(true)
                && revocations.map(RevocationWatcher::caughtUp).orElse(true);
    }

    /** What each stream is waiting for, by name; for the health endpoint. */
    public Map<String, String> state() {
        Map<String, String> state = new LinkedHashMap<>();
        directory.ifPresent(d -> state.put("tenantRegistry", d.synced() ? "synced" : "waiting for router-service"));
        revocations.ifPresent(r -> state.put("revocations", r.caughtUp() ? "caught up" : "waiting for auth-service"));
        return state;
    }
}
