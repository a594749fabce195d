package io.tollgate.router.service.watch;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import io.tollgate.router.persistence.TenantChangeRepository;
import io.tollgate.router.persistence.TenantRepository;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What a new watcher needs before the live changes: reads one consistent view of the registry
 * (REPEATABLE READ), so that its revision, its tenants and its changes all agree.
 */
@Singleton
class CatchUpReader {
    private final TenantRepository tenants;
    private final TenantChangeRepository changes;

    CatchUpReader(TenantRepository tenants, TenantChangeRepository changes) {
        this.tenants = tenants;
        this.changes = changes;
    }

    record CatchUp(List<WatchMessage> messages, long revision) {
    }

    /**
     * A snapshot when the watcher starts afresh (0), or its revision is older than what the log
     * retains, or newer than the registry's (a registry restored from a backup); otherwise the
     * last change of each tenant changed since its revision, oldest first.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.REPEATABLE_READ, readOnly = true)
    CatchUp read(long afterRevision) {
        long latest = changes.latestRevision();
        if (afterRevision <= 0 || afterRevision < changes.purgedThrough() || afterRevision > latest) {
            return new CatchUp(List.of(new WatchMessage.Snapshot(tenants.findAll(), latest)), latest);
        }
        List<WatchMessage> since = changes.latestEventsAfter(afterRevision).stream()
                .<WatchMessage>map(WatchMessage.Change::new)
                .toList();
        return new CatchUp(since, latest);
    }
}
