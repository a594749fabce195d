package io.tollgate.flight.transaction;

import io.tollgate.common.auth.Principal;
import io.tollgate.flight.TestConfigs;
import io.tollgate.flight.config.TransactionConfig;
import io.tollgate.flight.tenant.TenantPools;
import io.tollgate.flight.tenant.TenantRoute;
import io.tollgate.flight.tenant.TenantSession;
import io.tollgate.flight.tenant.TenantSessions;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.time.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The registry's bookkeeping, on real tenant sessions, with a clock the test moves. */
class TransactionRegistryTest {
    static final PostgresDatabase DB = PostgresDatabase.create();
    static final TenantPools POOLS = new TenantPools();
    static final TenantSessions SESSIONS = new TenantSessions(POOLS, io.tollgate.flight.TestConfigs.limits());
    static final TenantRoute ROUTE = new TenantRoute("acme", false, DB.jdbcUrl(), DB.username(), DB.password(),
            new TenantRoute.PoolLimits(6, 0, 5000), List.of(), TenantRoute.Quotas.NONE, 1);

    final Principal alice = TestConfigs.principal("alice@acme", "acme", "writer");
    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final TransactionRegistry registry = new TransactionRegistry(
            new TransactionConfig(Duration.ofMinutes(2), 3, 2, Duration.ofMillis(200)), clock, false);

    @BeforeAll
    static void createTable() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int)");
        }
    }

    @AfterAll
    static void closePools() {
        POOLS.close();
    }

    private TransactionId begin(Principal principal) throws Exception {
        return registry.register(principal, SESSIONS.open(principal, ROUTE), Integer.MAX_VALUE);
    }

    @Test
    void anIdleTransactionIsRolledBackOnlyOnceTheIdleTimeoutHasPassed() throws Exception {
        TransactionId id = begin(alice);
        try (TransactionLease lease = registry.lease(id, alice); Statement s = lease.session().connection().createStatement()) {
            s.execute("INSERT INTO t VALUES (1)");
        }
        clock.advance(Duration.ofMinutes(1));
        registry.reapIdle();
        registry.lease(id, alice).close();
        clock.advance(Duration.ofSeconds(119));
        registry.reapIdle();
        assertEquals(1, registry.size(), "used a minute ago: not idle for two minutes yet");
        clock.advance(Duration.ofSeconds(2));
        registry.reapIdle();
        assertEquals(0, registry.size());
        assertEquals(TransactionException.Kind.NOT_FOUND,
                assertThrows(TransactionException.class, () -> registry.lease(id, alice)).kind());
        assertEquals(0, count(), "rolled back");
    }

    @Test
    void aTransactionInUseIsNeverReaped() throws Exception {
        TransactionId id = begin(alice);
        try (TransactionLease ignored = registry.lease(id, alice)) {
            clock.advance(Duration.ofHours(1));
            registry.reapIdle();
            assertEquals(1, registry.size());
        }
        registry.end(id, alice, false);
    }

    @Test
    void oneCallAtATimeUsesATransaction() throws Exception {
        TransactionId id = begin(alice);
        try (TransactionLease ignored = registry.lease(id, alice)) {
            assertEquals(TransactionException.Kind.BUSY,
                    assertThrows(TransactionException.class, () -> registry.lease(id, alice)).kind());
        }
        registry.end(id, alice, false);
    }

    @Test
    void onlyItsOwnerOnItsReplicaCanUseATransaction() throws Exception {
        TransactionId id = begin(alice);
        Principal bob = TestConfigs.principal("bob@acme", "acme", "writer");
        Principal aliceElsewhere = TestConfigs.principal("alice@acme", "globex", "writer");
        assertEquals(TransactionException.Kind.INVALID,
                assertThrows(TransactionException.class, () -> registry.lease(id, bob)).kind());
        assertEquals(TransactionException.Kind.INVALID,
                assertThrows(TransactionException.class, () -> registry.end(id, aliceElsewhere, true)).kind());
        TransactionId onAnotherReplica = new TransactionId(id.tenantId(), id.subject(), "another", id.key());
        assertEquals(TransactionException.Kind.ELSEWHERE,
                assertThrows(TransactionException.class, () -> registry.lease(onAnotherReplica, alice)).kind());
        registry.end(id, alice, false);
    }

    @Test
    void openTransactionsAreBoundedPerTenantAndInTotal() throws Exception {
        TransactionId first = begin(alice);
        TransactionId second = begin(alice);
        TenantSession third = SESSIONS.open(alice, ROUTE);
        assertEquals(TransactionException.Kind.LIMIT, assertThrows(TransactionException.class,
                () -> registry.register(alice, third, Integer.MAX_VALUE)).kind());
        third.close();
        Principal globex = TestConfigs.principal("g@globex", "globex", "writer");
        TransactionId other = begin(globex);
        TenantSession fourth = SESSIONS.open(globex, ROUTE);
        assertEquals(TransactionException.Kind.LIMIT, assertThrows(TransactionException.class,
                () -> registry.register(globex, fourth, Integer.MAX_VALUE)).kind(), "three in total");
        fourth.close();
        registry.end(first, alice, false);
        registry.end(second, alice, false);
        registry.end(other, globex, false);
    }

    @Test
    void committingEndsTheTransactionAndKeepsItsWork() throws Exception {
        TransactionId id = begin(alice);
        try (TransactionLease lease = registry.lease(id, alice); Statement s = lease.session().connection().createStatement()) {
            s.execute("INSERT INTO t VALUES (2)");
        }
        registry.end(id, alice, true);
        assertEquals(1, count());
        assertEquals(TransactionException.Kind.NOT_FOUND,
                assertThrows(TransactionException.class, () -> registry.end(id, alice, true)).kind());
        try (Connection c = DB.connect(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM t");
        }
    }

    private static int count() throws Exception {
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void openTransactionsAreBoundedPerPoolSoThatEachLoginKeepsAConnectionForCallsOutsideThem() throws Exception {
        TransactionId reader = registry.register(alice, SESSIONS.open(alice, ROUTE), "acme_reader", 1);
        TenantSession second = SESSIONS.open(alice, ROUTE);
        assertEquals(TransactionException.Kind.LIMIT, assertThrows(TransactionException.class,
                () -> registry.register(alice, second, "acme_reader", 1)).kind(), "the reader login's pool is full");
        TransactionId writer = registry.register(alice, second, "acme_writer", 1);
        registry.end(reader, alice, false);
        registry.end(writer, alice, false);
    }
}
