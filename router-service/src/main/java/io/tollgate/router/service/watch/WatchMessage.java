package io.tollgate.router.service.watch;

import io.tollgate.router.domain.Tenant;
import io.tollgate.router.domain.TenantEvent;

import java.util.List;

/** One message of a tenant watch: a whole snapshot, or one change. */
public sealed interface WatchMessage {
    /** The registry revision the message brings the watcher to. */
    long revision();

    /** Every tenant as of {@code revision}: replaces whatever the watcher knew. */
    record Snapshot(List<Tenant> tenants, long revision) implements WatchMessage {
        public Snapshot {
            tenants = List.copyOf(tenants);
        }
    }

    /** One tenant created, changed or removed. */
    record Change(TenantEvent event) implements WatchMessage {
        @Override
        public long revision() {
            return event.revision();
        }
    }
}
