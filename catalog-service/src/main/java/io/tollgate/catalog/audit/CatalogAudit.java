package io.tollgate.catalog.audit;

import io.micronaut.scheduling.annotation.Scheduled;
import io.tollgate.catalog.config.AuditConfig;
import io.tollgate.catalog.handler.Caller;
import io.tollgate.catalog.handler.RoleRefusedException;
import io.tollgate.catalog.handler.WarehouseNotFoundException;
import io.tollgate.catalog.metrics.CatalogMetrics;
import io.tollgate.catalog.storage.LocationOutsideWarehouseException;
import io.tollgate.common.audit.AuditLine;
import io.tollgate.common.error.Incident;
import io.tollgate.common.tenant.TenantRefusedException;
import jakarta.inject.Singleton;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The one place a mutation is recorded. A service wraps each mutation in {@link #record}: the
 * mutation runs, then its event (tenant, subject, operation, target, snapshot, outcome, time,
 * request id) is written as an audit line ({@code event=catalog.mutation}, the shared form) and a
 * row of {@code audit_events}, whether it succeeded, was refused by policy or failed; the
 * mutation's own result or exception is passed on unchanged. A row that cannot be written is an
 * incident, not the caller's failure: the mutation has happened, and the line is in the log.
 * Each mutation is counted too ({@link CatalogMetrics}), conflicts apart.
 */
@Singleton
public class CatalogAudit {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogAudit.class);
    static final String EVENT = "catalog.mutation";

    private final AuditEventStore store;
    private final AuditConfig config;
    private final Clock clock;

    private final CatalogMetrics metrics;

    public CatalogAudit(AuditEventStore store, AuditConfig config, Clock clock, CatalogMetrics metrics) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** Runs a mutation that returns a result, and records it. */
    public <T> T record(Caller caller, String operation, AuditTarget target, Supplier<T> mutation) {
        T result;
        try {
            result = mutation.get();
        } catch (RuntimeException e) {
            AuditOutcome outcome = outcomeOf(e);
            write(caller, operation, target, outcome);
            // A lost commit race is counted apart: conflicts are what operators watch commits for.
            metrics.mutation(caller.tenantId(), operation,
                    e instanceof CommitFailedException ? "conflict" : outcome.wireName());
            throw e;
        }
        write(caller, operation, target, AuditOutcome.OK);
        metrics.mutation(caller.tenantId(), operation, AuditOutcome.OK.wireName());
        return result;
    }

    /** Runs a mutation that returns nothing, and records it. */
    public void record(Caller caller, String operation, AuditTarget target, Runnable mutation) {
        record(caller, operation, target, () -> {
            mutation.run();
            return null;
        });
    }

    /** Forgets the events older than the retention, so that the table stays bounded (every sweep interval). */
    @Scheduled(fixedDelay = "${tollgate.catalog.audit.sweep-interval:1h}", initialDelay = "1m")
    public void sweep() {
        try {
            int swept = store.deleteBefore(clock.instant().minus(config.retention()));
            if (swept > 0) {
                LOG.info("swept {} audit events older than {}", swept, config.retention());
            }
        } catch (RuntimeException e) {
            Incident.record("catalog audit sweep", e);
        }
    }

    private void write(Caller caller, String operation, AuditTarget target, AuditOutcome outcome) {
        // Only a mutation that happened made a snapshot.
        AuditTarget recorded = outcome == AuditOutcome.OK ? target : target.withSnapshot(null);
        AuditEvent event = new AuditEvent(0, clock.instant(), caller.tenantId(), caller.subject(), operation,
                recorded, outcome, caller.requestId());
        AuditLine.event(EVENT)
                .with("tenant", event.tenantId())
                .with("subject", event.subject())
                .with("operation", operation)
                .with("warehouse", recorded.warehouse())
                .with("namespace", recorded.namespace())
                .with("table", recorded.table())
                .with("snapshot_id", recorded.snapshotId())
                .with("outcome", outcome.wireName())
                .with("request_id", event.requestId())
                .with("detail", recorded.detail())
                .log();
        try {
            store.insert(event);
        } catch (RuntimeException e) {
            Incident.record("catalog audit store", e);
        }
    }

    // Refusals are the catalog's policy at work; anything else is a mutation that did not happen.
    private static AuditOutcome outcomeOf(RuntimeException e) {
        return e instanceof RoleRefusedException || e instanceof WarehouseNotFoundException
                || e instanceof LocationOutsideWarehouseException || e instanceof ForbiddenException
                || e instanceof TenantRefusedException ? AuditOutcome.REFUSED : AuditOutcome.FAILED;
    }
}
