package io.tollgate.router.service;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.router.config.ChangeLogConfig;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops changes older than the retention from the change log, on every replica (harmlessly twice). */
@Singleton
public class ChangeLogRetention {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogRetention.class);

    private final TenantWriter writer;
    private final ChangeLogConfig config;

    ChangeLogRetention(TenantWriter writer, ChangeLogConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Scheduled(fixedDelay = "${tollgate.router.changes.purge-interval:1h}", initialDelay = "1m")
    void purge() {
        try {
            long removed = writer.purgeChangesOlderThan(config.retention());
            if (removed > 0) {
                LOG.info("removed {} changes older than {} from the tenant change log", removed, config.retention());
            }
        } catch (RuntimeException e) {
            LOG.warn("purging the tenant change log failed", e);
        }
    }
}
