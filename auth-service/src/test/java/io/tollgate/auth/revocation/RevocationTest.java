package io.tollgate.auth.revocation;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.MutableClock;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.TestSupport;
import io.tollgate.auth.service.revocation.RevocationFeed;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.AuthenticateResponse;
import io.tollgate.proto.auth.v1.IntrospectRequest;
import io.tollgate.proto.auth.v1.Revocation;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.proto.auth.v1.SubjectRef;
import io.tollgate.proto.auth.v1.WatchRevocationsResponse;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gRPC Revoke, Introspect and WatchRevocations, on two replicas that share one database: a
 * revocation written through one is delivered to a watcher of the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevocationTest {
    static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"alice@acme","password":"al1ce-pw","roles":["reader"]},
              {"username":"bob@acme","password":"b0b-pw","roles":["reader"]},
              {"username":"gina@globex","password":"g1na-pw","roles":["reader"]},
              {"username":"hank@hooli","password":"h4nk-pw","roles":["reader"]}
            ]}""";
    private static final long LIVE_TIMEOUT_MS = 5_000;

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer replicaA;
    private AuthServer replicaB;
    private String bootstrap;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme", "globex", "hooli");
        bootstrap = TestSupport.bootstrapFile(BOOTSTRAP).toString();
        replicaA = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file", bootstrap));
        // B pages its catch-up two entries at a time, so paging is exercised too.
        replicaB = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file", bootstrap,
                "tollgate.auth.revocations.page-size", 2));
    }

    @AfterAll
    void stop() {
        replicaA.close();
        replicaB.close();
        router.close();
    }

    @Test
    void revokingATokenIdMakesThatTokenInactiveAndLeavesTheOthersOfItsSubjectAlone() {
        AuthenticateResponse first = login(replicaA, "alice@acme", "al1ce-pw");
        AuthenticateResponse second = login(replicaA, "alice@acme", "al1ce-pw");
        String jti = introspectTokenId(first.getAccessToken());

        Revocation revocation = replicaA.auth().revoke(RevokeRequest.newBuilder()
                .setTarget(RevocationTarget.newBuilder().setTokenId(jti)).setReason("lost laptop").build())
                .getRevocation();

        assertTrue(revocation.getSequence() > 0);
        assertEquals(jti, revocation.getTarget().getTokenId());
        assertEquals(15 * 60, revocation.getExpiresAt().getSeconds() - revocation.getRevokedAt().getSeconds(),
                "a jti revoked alone is kept for the longest access-token lifetime");
        assertFalse(active(replicaA, first.getAccessToken()));
        assertFalse(active(replicaB, first.getAccessToken()), "every replica reads the same log");
        assertTrue(active(replicaA, second.getAccessToken()));
    }

    @Test
    void revokingASubjectRevokesItsTokensIssuedUntilThenButNotLaterOnes() {
        // A replica of its own whose clock the test moves: iat has whole seconds, so a token of the
        // revocation's second counts as issued before it, and "later" needs the next second.
        try (AuthServer replica = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file", bootstrap,
                "test.clock", "mutable"))) {
            MutableClock clock = replica.context().getBean(MutableClock.class);
            AuthenticateResponse before = login(replica, "bob@acme", "b0b-pw");
            AuthenticateResponse otherSubject = login(replica, "alice@acme", "al1ce-pw");

            replica.auth().revoke(RevokeRequest.newBuilder().setTarget(RevocationTarget.newBuilder()
                    .setSubject(SubjectRef.newBuilder().setTenantId("acme").setSubject("bob@acme"))).build());

            assertFalse(active(replica, before.getAccessToken()));
            assertTrue(active(replica, otherSubject.getAccessToken()));
            clock.advance(Duration.ofSeconds(1));
            assertTrue(active(replica, login(replica, "bob@acme", "b0b-pw").getAccessToken()));
        }
    }

    @Test
    void revokingASubjectAlsoEndsTheRefreshTokensItsLoginsHold() {
        OAuthClient http = new OAuthClient(replicaA);
        OAuthClient.Response login = http.post("/oauth2/token", form("grant_type", "password",
                "username", "hank@hooli", "password", "h4nk-pw"));

        replicaB.auth().revoke(RevokeRequest.newBuilder().setTarget(RevocationTarget.newBuilder()
                .setSubject(SubjectRef.newBuilder().setTenantId("hooli").setSubject("hank@hooli"))).build());

        OAuthClient.Response refresh = http.post("/oauth2/token", form("grant_type", "refresh_token",
                "refresh_token", login.string("refresh_token")));
        assertEquals(400, refresh.status());
        assertEquals("invalid_grant", refresh.string("error"));
    }

    @Test
    void revokingATenantRevokesEveryTokenOfThatTenantOnly() {
        AuthenticateResponse globex = login(replicaA, "gina@globex", "g1na-pw");
        AuthenticateResponse acme = login(replicaA, "alice@acme", "al1ce-pw");

        replicaA.auth().revoke(RevokeRequest.newBuilder()
                .setTarget(RevocationTarget.newBuilder().setTenantId("globex")).build());

        assertFalse(active(replicaA, globex.getAccessToken()));
        assertTrue(active(replicaA, acme.getAccessToken()));
    }

    @Test
    void anEmptyOrMalformedTargetIsInvalidArgument() {
        for (RevokeRequest request : List.of(
                RevokeRequest.newBuilder().build(),
                RevokeRequest.newBuilder().setTarget(RevocationTarget.newBuilder()).build(),
                RevokeRequest.newBuilder().setTarget(RevocationTarget.newBuilder().setTokenId(" ")).build(),
                RevokeRequest.newBuilder().setTarget(RevocationTarget.newBuilder().setTenantId("Not A Slug")).build(),
                RevokeRequest.newBuilder().setTarget(RevocationTarget.newBuilder()
                        .setSubject(SubjectRef.newBuilder().setTenantId("acme"))).build())) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> replicaA.auth().revoke(request));
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), request.toString());
        }
    }

    @Test
    void aWatcherGetsTheRelevantBacklogInOrderThenCaughtUpThenLiveRevocations() throws Exception {
        long start = lastSequence();
        Revocation r1 = revokeTokenId(replicaA, "watch-1");
        Revocation r2 = revokeTokenId(replicaA, "watch-2");
        Revocation r3 = revokeTokenId(replicaA, "watch-3");
        insertExpiredRevocation("watch-expired");

        try (WatchRecorder watch = new WatchRecorder(replicaA.authAsync(), start)) {
            WatchRevocationsResponse catchUp = watch.next(LIVE_TIMEOUT_MS);
            assertTrue(catchUp.getCaughtUp());
            assertEquals(List.of(r1, r2, r3), catchUp.getRevocationsList(), "in order, the expired one left out");

            Revocation r4 = revokeTokenId(replicaA, "watch-4");
            WatchRevocationsResponse live = watch.next(LIVE_TIMEOUT_MS);
            assertFalse(live.getCaughtUp());
            assertEquals(List.of(r4), live.getRevocationsList());
        }
    }

    @Test
    void aWatcherResumesAfterTheLastSequenceItSaw() throws Exception {
        Revocation r1 = revokeTokenId(replicaA, "resume-1");
        Revocation r2 = revokeTokenId(replicaA, "resume-2");

        try (WatchRecorder watch = new WatchRecorder(replicaA.authAsync(), r1.getSequence())) {
            WatchRevocationsResponse catchUp = watch.next(LIVE_TIMEOUT_MS);
            assertTrue(catchUp.getCaughtUp());
            assertEquals(List.of(r2), catchUp.getRevocationsList());
        }
    }

    @Test
    void aWatcherWithNothingToCatchUpOnGetsAnEmptyCaughtUpMessage() throws Exception {
        try (WatchRecorder watch = new WatchRecorder(replicaA.authAsync(), lastSequence())) {
            WatchRevocationsResponse first = watch.next(LIVE_TIMEOUT_MS);
            assertTrue(first.getCaughtUp());
            assertEquals(0, first.getRevocationsCount());
            watch.assertQuiet(500);
        }
    }

    @Test
    void aRevocationWrittenThroughOneReplicaReachesAWatcherOfAnother() throws Exception {
        try (WatchRecorder watch = new WatchRecorder(replicaB.authAsync(), lastSequence())) {
            assertTrue(watch.next(LIVE_TIMEOUT_MS).getCaughtUp());

            Revocation written = revokeTokenId(replicaA, "cross-replica");

            WatchRevocationsResponse live = watch.next(LIVE_TIMEOUT_MS);
            assertEquals(List.of(written), live.getRevocationsList());
        }
    }

    @Test
    void aLongBacklogArrivesInPagesAndOnlyTheLastSaysCaughtUp() throws Exception {
        long start = lastSequence();
        Revocation r1 = revokeTokenId(replicaA, "page-1");
        Revocation r2 = revokeTokenId(replicaA, "page-2");
        Revocation r3 = revokeTokenId(replicaA, "page-3");

        try (WatchRecorder watch = new WatchRecorder(replicaB.authAsync(), start)) {
            WatchRevocationsResponse page1 = watch.next(LIVE_TIMEOUT_MS);
            WatchRevocationsResponse page2 = watch.next(LIVE_TIMEOUT_MS);
            assertFalse(page1.getCaughtUp());
            assertEquals(List.of(r1, r2), page1.getRevocationsList());
            assertTrue(page2.getCaughtUp());
            assertEquals(List.of(r3), page2.getRevocationsList());
        }
    }

    @Test
    void aCancelledWatchStopsBeingFed() throws Exception {
        RevocationFeed feed = replicaA.context().getBean(RevocationFeed.class);
        WatchRecorder watch = new WatchRecorder(replicaA.authAsync(), lastSequence());
        watch.next(LIVE_TIMEOUT_MS);
        int watching = feed.listenerCount();
        assertTrue(watching >= 1);

        watch.close();

        Await.until(() -> feed.listenerCount() < watching, Duration.ofMillis(LIVE_TIMEOUT_MS),
                "the cancelled watch is no longer fed");
        assertEquals(watching - 1, feed.listenerCount());
    }

    @Test
    void stoppingAReplicaEndsItsWatchStreamsAsUnavailableSoWatchersReconnectElsewhere() throws Exception {
        AuthServer leaving = AuthServer.start(db, router, Map.of());
        try (WatchRecorder watch = new WatchRecorder(leaving.authAsync(), lastSequence())) {
            assertTrue(watch.next(LIVE_TIMEOUT_MS).getCaughtUp());

            long started = System.nanoTime();
            leaving.close();

            assertTrue(System.nanoTime() - started < 10_000_000_000L, "the stream does not hold up the shutdown");
            Throwable ended = watch.error(LIVE_TIMEOUT_MS);
            assertEquals(Status.Code.UNAVAILABLE, Status.fromThrowable(ended).getCode());
        }
    }

    private static AuthenticateResponse login(AuthServer server, String username, String password) {
        return server.auth().authenticate(AuthenticateRequest.newBuilder().setUsername(username)
                .setPassword(password).setClientAddress("192.0.2.20").build());
    }

    private static boolean active(AuthServer server, String token) {
        return server.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getActive();
    }

    private String introspectTokenId(String token) {
        return replicaA.auth().introspect(IntrospectRequest.newBuilder().setToken(token).build()).getTokenId();
    }

    private static Revocation revokeTokenId(AuthServer server, String jti) {
        return server.auth().revoke(RevokeRequest.newBuilder()
                .setTarget(RevocationTarget.newBuilder().setTokenId(jti)).build()).getRevocation();
    }

    private long lastSequence() throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(max(sequence), 0) FROM auth.revocations")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void insertExpiredRevocation(String jti) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO auth.revocations (kind, value, revoked_at, expires_at, actor) VALUES "
                    + "('token', '" + jti + "', now() - interval '1 hour', now() - interval '1 minute', 'test')");
        }
    }
}
