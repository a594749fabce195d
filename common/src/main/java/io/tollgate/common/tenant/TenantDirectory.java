package io.tollgate.common.tenant;

import io.tollgate.common.grpc.ReconnectingStream;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.proto.router.v1.WatchTenantsRequest;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The data services' copy of the tenant registry, fed by router-service's WatchTenants: a
 * snapshot, then each change, resumed from the last revision after a reconnect. While
 * router-service is away it keeps serving the last routes it knew; a tenant it has never heard of
 * is {@link Lookup.Outcome#UNKNOWN}, and before the first snapshot every lookup is
 * {@link Lookup.Outcome#NOT_SYNCED} (callers fail closed on both).
 */
public final class TenantDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TenantDirectory.class);

    /** The answer to a lookup. */
    public record Lookup(Outcome outcome, Tenant tenant) {
        /** What the directory knows of a tenant. */
        public enum Outcome { FOUND, UNKNOWN, NOT_SYNCED }

        public Optional<Tenant> found() {
            return Optional.ofNullable(tenant);
        }
    }

    private final ReconnectingStream<WatchTenantsResponse> stream;
    private final ScheduledExecutorService scheduler;
    // Replaced whole on every change: readers never lock, and changes are rare.
    private volatile Map<String, Tenant> tenants = Map.of();
    private volatile long revision;
    private volatile boolean synced;

    public TenantDirectory(RouterServiceGrpc.RouterServiceStub router) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tenant-directory");
            thread.setDaemon(true);
            return thread;
        });
        this.stream = new ReconnectingStream<>("WatchTenants",
                observer -> router.withWaitForReady().watchTenants(WatchTenantsRequest.newBuilder().setAfterRevision(revision).build(),
                        observer),
                this::apply, scheduler, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public void start() {
        stream.start();
    }

    public Lookup lookup(String tenantId) {
        if (!synced) {
            return new Lookup(Lookup.Outcome.NOT_SYNCED, null);
        }
        Tenant tenant = tenants.get(tenantId);
        return tenant == null ? new Lookup(Lookup.Outcome.UNKNOWN, null) : new Lookup(Lookup.Outcome.FOUND, tenant);
    }

    /** Whether the first snapshot has arrived (lookups answer from then on). */
    public boolean synced() {
        return synced;
    }

    /** The last registry revision applied. */
    public long revision() {
        return revision;
    }

    synchronized void apply(WatchTenantsResponse event) {
        switch (event.getEventCase()) {
            case SNAPSHOT -> {
                Map<String, Tenant> next = new HashMap<>();
                event.getSnapshot().getTenantsList().forEach(t -> next.put(t.getId(), t));
                tenants = Map.copyOf(next);
                if (!synced) {
                    LOG.info("tenant directory synced: {} tenants at revision {}", next.size(), event.getRevision());
                }
                synced = true;
            }
            case UPSERTED -> {
                Map<String, Tenant> next = new HashMap<>(tenants);
                next.put(event.getUpserted().getId(), event.getUpserted());
                tenants = Map.copyOf(next);
            }
            case DELETED_TENANT_ID -> {
                Map<String, Tenant> next = new HashMap<>(tenants);
                next.remove(event.getDeletedTenantId());
                tenants = Map.copyOf(next);
            }
            default -> LOG.warn("tenant event without content at revision {}", event.getRevision());
        }
        revision = Math.max(revision, event.getRevision());
    }

    @Override
    public void close() {
        stream.close();
        scheduler.shutdownNow();
    }
}
