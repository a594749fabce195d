package io.tollgate.auth.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.MutableClock;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.OAuthClient.Response;
import io.tollgate.auth.TestSupport;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Consecutive failed logins lock an account with a growing back-off, kept in the database so that
 * every replica applies it. Time is a clock the test moves (threshold 3, 30 s doubling to 2 min).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LockoutTest {
    static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"ann@acme","password":"4nn-pw","roles":["reader"]},
              {"username":"ben@acme","password":"b3n-pw","roles":["reader"]},
              {"username":"cat@acme","password":"c4t-pw","roles":["reader"]},
              {"username":"dan@acme","password":"d4n-pw","roles":["reader"]},
              {"username":"eve@acme","password":"3ve-pw","roles":["reader"]}
            ]}""";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;
    private AuthServer otherReplica;
    private MutableClock clock;
    private OAuthClient http;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme");
        Map<String, Object> properties = Map.of(
                "tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(BOOTSTRAP).toString(),
                "test.clock", "mutable",
                "tollgate.auth.lockout.threshold", 3,
                "tollgate.auth.lockout.initial-duration", "30s",
                "tollgate.auth.lockout.max-duration", "2m");
        server = AuthServer.start(db, router, properties);
        otherReplica = AuthServer.start(db, router, Map.of(
                "tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(BOOTSTRAP).toString()));
        clock = server.context().getBean(MutableClock.class);
        http = new OAuthClient(server);
    }

    @AfterAll
    void stop() {
        server.close();
        otherReplica.close();
        router.close();
    }

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPasswordUntilTheLockRunsOut() throws Exception {
        Response wrong = fail("ann@acme", 3);

        Response locked = password("ann@acme", "4nn-pw");
        assertEquals(400, locked.status());
        assertEquals(wrong.json(), locked.json(), "a lock looks exactly like a wrong password");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> server.auth().authenticate(login("ann@acme", "4nn-pw")));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals(Duration.ofSeconds(30), lockRemaining("ann"));

        clock.advance(Duration.ofSeconds(31));

        assertEquals(200, password("ann@acme", "4nn-pw").status());
        assertEquals(0, failedLogins("ann"), "a success resets the count");
        assertNull(lockedUntil("ann"));
    }

    @Test
    void eachFailureAfterTheThresholdDoublesTheLockUpToTheMaximum() throws Exception {
        fail("ben@acme", 3);
        assertEquals(Duration.ofSeconds(30), lockRemaining("ben"));

        clock.advance(Duration.ofSeconds(31));
        fail("ben@acme", 1);
        assertEquals(Duration.ofSeconds(60), lockRemaining("ben"));

        clock.advance(Duration.ofSeconds(61));
        fail("ben@acme", 1);
        assertEquals(Duration.ofSeconds(120), lockRemaining("ben"));

        clock.advance(Duration.ofSeconds(121));
        fail("ben@acme", 1);
        assertEquals(Duration.ofSeconds(120), lockRemaining("ben"), "capped at the maximum");
    }

    @Test
    void attemptsWhileLockedAreNotCountedSoHammeringDoesNotExtendTheLock() throws Exception {
        fail("cat@acme", 3);
        Instant until = lockedUntil("cat");

        fail("cat@acme", 5);

        assertEquals(3, failedLogins("cat"));
        assertEquals(until, lockedUntil("cat"));
    }

    @Test
    void aSuccessBeforeTheThresholdStartsTheCountAfresh() throws Exception {
        fail("dan@acme", 2);
        assertEquals(200, password("dan@acme", "d4n-pw").status());
        fail("dan@acme", 2);

        assertEquals(2, failedLogins("dan"));
        assertNull(lockedUntil("dan"));
        assertEquals(200, password("dan@acme", "d4n-pw").status());
    }

    @Test
    void aLockMadeThroughOneReplicaHoldsOnAnother() {
        fail("eve@acme", 3);

        Response other = new OAuthClient(otherReplica).post("/oauth2/token", form("grant_type", "password",
                "username", "eve@acme", "password", "3ve-pw"));

        assertEquals(400, other.status());
        assertEquals("invalid_grant", other.string("error"));
    }

    private Response fail(String username, int times) {
        Response last = null;
        for (int i = 0; i < times; i++) {
            last = password(username, "wrong-password");
            assertEquals(400, last.status());
        }
        return last;
    }

    private Response password(String username, String password) {
        return http.post("/oauth2/token", form("grant_type", "password", "username", username,
                "password", password));
    }

    private static AuthenticateRequest login(String username, String password) {
        return AuthenticateRequest.newBuilder().setUsername(username).setPassword(password)
                .setClientAddress("192.0.2.40").build();
    }

    private Duration lockRemaining(String name) throws Exception {
        return Duration.between(clock.instant(), lockedUntil(name));
    }

    private Instant lockedUntil(String name) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT locked_until FROM auth.accounts WHERE tenant_id = 'acme' AND name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                java.sql.Timestamp ts = rs.getTimestamp(1);
                return ts == null ? null : ts.toInstant();
            }
        }
    }

    private int failedLogins(String name) throws Exception {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(
                "SELECT failed_logins FROM auth.accounts WHERE tenant_id = 'acme' AND name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
