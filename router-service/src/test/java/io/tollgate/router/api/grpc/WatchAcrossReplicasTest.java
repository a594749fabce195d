package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.tollgate.proto.router.v1.WatchTenantsResponse;
import io.tollgate.router.domain.Tenant;
import io.tollgate.router.service.RevisionCondition;
import io.tollgate.router.service.TenantWriter;
import io.tollgate.router.support.Definitions;
import io.tollgate.testkit.service.ServiceReplica;
import io.tollgate.router.support.Watcher;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Several router replicas on one database, started and stopped by the test. */
class WatchAcrossReplicasTest {
    private final PostgresDatabase db = PostgresDatabase.create();

    @Test
    void aChangeMadeThroughOneReplicaReachesTheWatchersOfAnother() {
        try (ServiceReplica writerReplica = ServiceReplica.start("router-service", "flight-service", db.datasourceProperties());
             ServiceReplica watchedReplica = ServiceReplica.start("router-service", "flight-service", db.datasourceProperties());
             Watcher watcher = Watcher.open(watchedReplica.channel(), 0)) {
            assertTrue(watcher.next().hasSnapshot());

            Tenant created = writerReplica.bean(TenantWriter.class).create(Definitions.tenant("elsewhere"), "test");

            WatchTenantsResponse change = watcher.next();
            assertEquals("elsewhere", change.getUpserted().getId());
            assertEquals(created.revision(), change.getRevision());
        }
    }

    @Test
    void aWatcherResumesAfterARouterRestartAndGetsOnlyTheChangesItHadNotSeen() {
        long lastSeen;
        try (ServiceReplica before = ServiceReplica.start("router-service", "flight-service", db.datasourceProperties())) {
            TenantWriter writer = before.bean(TenantWriter.class);
            writer.create(Definitions.tenant("before-one"), "test");
            Watcher watcher = Watcher.open(before.channel(), 0);
            assertTrue(watcher.next().hasSnapshot());
            writer.create(Definitions.tenant("before-two"), "test");
            lastSeen = watcher.next().getRevision();

            before.close();

            Status end = watcher.end();
            assertTrue(end.getCode() == Status.Code.UNAVAILABLE || end.getCode() == Status.Code.CANCELLED, end::toString);
        }
        try (ServiceReplica after = ServiceReplica.start("router-service", "flight-service", db.datasourceProperties())) {
            TenantWriter writer = after.bean(TenantWriter.class);
            Tenant whileAway = writer.suspend("before-one", RevisionCondition.ANY, "test");

            try (Watcher watcher = Watcher.open(after.channel(), lastSeen)) {
                WatchTenantsResponse missed = watcher.next();
                Tenant later = writer.create(Definitions.tenant("after-one"), "test");
                WatchTenantsResponse live = watcher.next();

                assertEquals("before-one", missed.getUpserted().getId(), "no snapshot: the change it missed");
                assertEquals(whileAway.revision(), missed.getRevision());
                assertEquals("after-one", live.getUpserted().getId());
                assertEquals(later.revision(), live.getRevision());
                List<WatchTenantsResponse> more = watcher.drain(Duration.ofMillis(300));
                assertEquals(List.of(), more, "nothing it had seen before the restart");
            }
        }
    }
}
