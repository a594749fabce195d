package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.router.RouterServiceTest;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.service.KeptFromStored;
import io.tollgate.router.service.RevisionCondition;
import io.tollgate.router.service.TenantWriter;
import io.tollgate.router.service.watch.SubscriberHub;
import io.tollgate.router.support.Definitions;
import io.tollgate.router.support.Watcher;
import io.tollgate.testkit.await.Await;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class WatchTenantsTest extends RouterServiceTest {
    // A watcher may fall this many changes behind; the poller reads fewer than that at a time.
    private static final int BUFFER = 8;

    @Inject
    TenantWriter writer;

    @Inject
    SubscriberHub hub;

    @Override
    protected String bootstrapJson() {
        return BootstrapFiles.minimalTenants("acme", "globex");
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tollgate.router.watch.subscriber-buffer", String.valueOf(BUFFER),
                "tollgate.router.watch.batch-size", "4");
    }

    private static boolean upserted(WatchTenantsResponse m, String id) {
        return m.hasUpserted() && m.getUpserted().getId().equals(id);
    }

    @Test
    void aNewWatcherGetsASnapshotThenEveryChangeAsItHappensEachWithItsRevision() {
        try (Watcher watcher = Watcher.open(channel(), 0)) {
            WatchTenantsResponse snapshot = watcher.next();
            assertTrue(snapshot.hasSnapshot());
            assertTrue(snapshot.getSnapshot().getTenantsList().stream().map(t -> t.getId()).toList()
                    .containsAll(List.of("acme", "globex")));
            assertEquals(snapshot.getSnapshot().getTenantsList().stream().mapToLong(t -> t.getRevision()).max()
                    .orElseThrow(), snapshot.getRevision(), "a snapshot is at the registry's revision");

            // Each write waits for its change: changes of one tenant still unread when a later one
            // commits are coalesced into the later one (see the burst test below).
            Tenant created = writer.create(Definitions.tenant("live-one"), "test");
            WatchTenantsResponse onCreate = last(watcher.until(m -> upserted(m, "live-one")));
            Tenant suspended = writer.suspend("live-one", RevisionCondition.ANY, "test");
            WatchTenantsResponse onSuspend = last(watcher.until(m -> upserted(m, "live-one")));
            Tenant deleting = writer.requestDeletion("live-one", RevisionCondition.ANY, "test");
            WatchTenantsResponse onDelete = last(watcher.until(m -> upserted(m, "live-one")));
            writer.removeIfDrained("live-one", Duration.ZERO, "test");
            WatchTenantsResponse onRemoval = last(watcher.until(m -> m.getDeletedTenantId().equals("live-one")));

            assertEquals(created.revision(), onCreate.getRevision());
            assertEquals(created.revision(), onCreate.getUpserted().getRevision());
            assertEquals("pw-live-one", onCreate.getUpserted().getSqlBackend().getCredentials().getPassword());
            assertEquals(TenantStatus.TENANT_STATUS_SUSPENDED, onSuspend.getUpserted().getStatus());
            assertEquals(suspended.revision(), onSuspend.getRevision());
            assertEquals(TenantStatus.TENANT_STATUS_DELETING, onDelete.getUpserted().getStatus());
            assertEquals(deleting.revision(), onDelete.getRevision());
            assertTrue(onRemoval.getRevision() > deleting.revision());
        }
    }

    @Test
    void aBurstOfChangesArrivesInRevisionOrderEndingAtEachTenantsLatestState() {
        try (Watcher watcher = Watcher.open(channel(), 0)) {
            assertTrue(watcher.next().hasSnapshot());

            writer.create(Definitions.tenant("burst-a"), "test");
            writer.create(Definitions.tenant("burst-b"), "test");
            writer.suspend("burst-a", RevisionCondition.ANY, "test");
            writer.requestDeletion("burst-b", RevisionCondition.ANY, "test");
            writer.removeIfDrained("burst-b", Duration.ZERO, "test");
            long lastRevision = writer.resume("burst-a", RevisionCondition.ANY, "test").revision();

            List<WatchTenantsResponse> changes = watcher.until(m -> m.getRevision() == lastRevision);
            for (int i = 1; i < changes.size(); i++) {
                assertTrue(changes.get(i).getRevision() > changes.get(i - 1).getRevision(), "revisions only increase");
            }
            assertEquals(TenantStatus.TENANT_STATUS_ACTIVE, last(changes).getUpserted().getStatus());
            assertTrue(changes.stream().anyMatch(m -> m.getDeletedTenantId().equals("burst-b")));
        }
    }

    private static WatchTenantsResponse last(List<WatchTenantsResponse> messages) {
        return messages.get(messages.size() - 1);
    }

    @Test
    void aWatcherThatResumesGetsOnlyTheLatestStateOfWhatChangedSinceItsRevision() {
        writer.create(Definitions.tenant("resume-a"), "test");
        long seen = writer.create(Definitions.tenant("resume-b"), "test").revision();
        writer.replace(Definitions.withLabels("resume-a", Map.of("v", "1")), KeptFromStored.NOTHING,
                RevisionCondition.ANY, "test");
        Tenant latest = writer.replace(Definitions.withLabels("resume-a", Map.of("v", "2")), KeptFromStored.NOTHING,
                RevisionCondition.ANY, "test");
        Tenant created = writer.create(Definitions.tenant("resume-c"), "test");

        try (Watcher watcher = Watcher.open(channel(), seen)) {
            List<WatchTenantsResponse> caughtUp = watcher.drain(Duration.ofMillis(500));

            assertEquals(List.of("resume-a", "resume-c"), caughtUp.stream().map(m -> m.getUpserted().getId()).toList(),
                    "no snapshot, nothing at or before the revision, one message per tenant");
            assertEquals(Map.of("v", "2"), caughtUp.get(0).getUpserted().getLabelsMap());
            assertEquals(latest.revision(), caughtUp.get(0).getRevision());
            assertEquals(created.revision(), caughtUp.get(1).getRevision());
        }
    }

    @Test
    void aWatcherWhoseRevisionIsOlderThanTheRetainedLogGetsASnapshot() {
        writer.create(Definitions.tenant("old-one"), "test");
        writer.create(Definitions.tenant("old-two"), "test");
        assertTrue(writer.purgeChangesOlderThan(Duration.ZERO) > 0);

        try (Watcher watcher = Watcher.open(channel(), 1)) {
            WatchTenantsResponse first = watcher.next();

            assertTrue(first.hasSnapshot(), first::toString);
            assertTrue(first.getSnapshot().getTenantsList().stream().anyMatch(t -> t.getId().equals("old-two")));
        }
    }

    @Test
    void aWatcherTooSlowForItsBufferIsDisconnectedWhileOthersKeepUp() {
        writer.create(Definitions.tenant("busy"), "test");
        try (Watcher fast = Watcher.open(channel(), 0);
             Watcher slow = Watcher.open(channel(), 0, 1)) {
            assertTrue(fast.next().hasSnapshot());
            assertTrue(slow.next().hasSnapshot());
            int watchers = hub.size();

            // Large tenants, so that the slow watcher's transport buffers fill and the backlog
            // lands in its bounded buffer; keep changing until the hub has dropped it.
            Map<String, String> labels = new HashMap<>();
            for (int i = 0; i < 64; i++) {
                labels.put("label-" + i, "x".repeat(250));
            }
            int changes = 0;
            long last = 0;
            while (hub.size() == watchers && changes < 3000) {
                labels.put("label-0", "change-" + changes);
                last = writer.replace(Definitions.withLabels("busy", labels), KeptFromStored.NOTHING,
                        RevisionCondition.ANY, "test").revision();
                changes++;
            }
            final long lastRevision = last;
            assertEquals(watchers - 1, hub.size(), "the slow watcher was dropped after " + changes + " changes");

            // Changes to one tenant already superseded when the poller reads them are not sent:
            // the fast watcher gets up to every change, and ends at the latest state.
            List<WatchTenantsResponse> all = fast.until(m -> m.getRevision() == lastRevision);
            assertTrue(all.size() <= changes);
            assertEquals("change-" + (changes - 1), all.get(all.size() - 1).getUpserted().getLabelsMap().get("label-0"));
            assertEquals(watchers - 1, hub.size(), "the fast watcher is still connected");

            slow.request(Integer.MAX_VALUE);
            Status end = slow.end();
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, end.getCode(), end::toString);
            List<WatchTenantsResponse> delivered = slow.drain(Duration.ofMillis(200));
            assertTrue(delivered.size() < changes, "the slow watcher got " + delivered.size() + " of " + changes);
            long resumeFrom = delivered.isEmpty() ? 0 : delivered.get(delivered.size() - 1).getRevision();

            try (Watcher resumed = Watcher.open(channel(), resumeFrom)) {
                WatchTenantsResponse next = resumed.next();
                assertEquals(lastRevision, next.getRevision(), "resuming brings it to the latest state at once");
            }
        }
    }

    @Test
    void aWatcherThatHangsUpIsForgotten() throws InterruptedException {
        // Watchers of earlier tests hang up asynchronously: start from none.
        awaitWatchers(0);
        Watcher watcher = Watcher.open(channel(), 0);
        assertTrue(watcher.next().hasSnapshot());
        assertEquals(1, hub.size());

        watcher.close();

        awaitWatchers(0);
        assertEquals(0, hub.size());
    }

    private void awaitWatchers(int count) {
        Await.until(() -> hub.size() == count, Duration.ofSeconds(5), "the hub serves " + count + " watchers");
    }
}
