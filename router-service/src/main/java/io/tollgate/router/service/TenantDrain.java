package io.tollgate.router.service;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.router.config.DeletionConfig;
import io.tollgate.router.persistence.TenantRepository;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes tenants whose deletion was asked for once the drain period is over. Every replica runs
 * it; the registry lock and the re-check under it make a second removal a no-op.
 */
@Singleton
public class TenantDrain {
    /** The actor the change log records for removals. */
    public static final String ACTOR = "system:drain";
    private static final Logger LOG = LoggerFactory.getLogger(TenantDrain.class);

    private final TenantRepository tenants;
    private final TenantWriter writer;
    private final DeletionConfig config;

    TenantDrain(TenantRepository tenants, TenantWriter writer, DeletionConfig config) {
        this.tenants = tenants;
        this.writer = writer;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${tollgate.router.deletion.check-interval:30s}",
            initialDelay = "${tollgate.router.deletion.check-interval:30s}")
    void removeDrained() {
        try {
            for (String id : tenants.findDrained(config.drainPeriod())) {
                writer.removeIfDrained(id, config.drainPeriod(), ACTOR);
            }
        } catch (RuntimeException e) {
            // Tried again at the next interval; a tenant left deleting a while longer is refused anyway.
            LOG.warn("removing drained tenants failed", e);
        }
    }
}
