package io.tollgate.auth.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.AuthServer;
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

import java.util.Map;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Token buckets per account and per client address in front of the token endpoint and gRPC
 * Authenticate (3 attempts per account, 6 per address, refilled only after an hour).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitTest {
    static final String BOOTSTRAP = """
            {"accounts":[
              {"username":"fay@acme","password":"f4y-pw","roles":["reader"]},
              {"username":"gus@acme","password":"gu5-pw","roles":["reader"]}
            ]}""";

    private final PostgresDatabase db = PostgresDatabase.create();
    private RegistryDouble router;
    private AuthServer server;

    @BeforeAll
    void start() {
        router = RegistryDouble.withActiveTenants("acme");
        server = AuthServer.start(db, router, Map.of(
                "tollgate.auth.bootstrap-file", TestSupport.bootstrapFile(BOOTSTRAP).toString(),
                "tollgate.auth.rate-limit.account-capacity", 3,
                "tollgate.auth.rate-limit.account-refill", "1h",
                "tollgate.auth.rate-limit.address-capacity", 6,
                "tollgate.auth.rate-limit.address-refill", "1h",
                // Out of the way of the limits under test.
                "tollgate.auth.lockout.threshold", 100));
    }

    @AfterAll
    void stop() {
        server.close();
        router.close();
    }

    @Test
    void anAccountOverItsLimitGets429WithRetryAfterEvenWithTheRightPassword() {
        OAuthClient http = new OAuthClient(server);
        for (int i = 0; i < 3; i++) {
            assertEquals(400, password(http, "fay@acme", "wrong").status());
        }

        Response limited = password(http, "fay@acme", "f4y-pw");

        assertEquals(429, limited.status(), limited.toString());
        assertEquals("slow_down", limited.string("error"));
        long retryAfter = Long.parseLong(limited.header("Retry-After").orElseThrow());
        assertTrue(retryAfter > 0 && retryAfter <= 3600, "Retry-After " + retryAfter);
        assertEquals("no-store", limited.header("Cache-Control").orElseThrow());
        assertNotEquals(429, password(http, "gus@acme", "gu5-pw").status(), "another account is not limited");
    }

    @Test
    void anAddressOverItsLimitIsRefusedOnGrpcWithResourceExhaustedWhateverTheAccount() {
        String[] accounts = {"nobody1@acme", "nobody2@acme", "nobody3@acme"};
        for (int i = 0; i < 6; i++) {
            String account = accounts[i % accounts.length];
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> server.auth().authenticate(login(account, "wrong", "198.51.100.7")));
            assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        }

        StatusRuntimeException limited = assertThrows(StatusRuntimeException.class,
                () -> server.auth().authenticate(login("gus@acme", "gu5-pw", "198.51.100.7")));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, limited.getStatus().getCode());
        assertEquals("gus@acme", server.auth().authenticate(login("gus@acme", "gu5-pw", "198.51.100.8"))
                .getPrincipal().getSubject(), "another address is not limited");
    }

    @Test
    void aForgedForwardedForHeaderDoesNotBuyAFreshAddress() {
        try (AuthServer strict = AuthServer.start(db, router, Map.of(
                "tollgate.auth.rate-limit.address-capacity", 2,
                "tollgate.auth.rate-limit.address-refill", "1h"))) {
            OAuthClient http = new OAuthClient(strict);
            Response last = null;
            for (int i = 1; i <= 3; i++) {
                last = http.post("/oauth2/token", OAuthClient.encode(form("grant_type", "password",
                                "username", "user" + i + "@acme", "password", "wrong")),
                        "application/x-www-form-urlencoded", null, Map.of("X-Forwarded-For", "203.0.113." + i,
                                "Forwarded", "for=203.0.113." + i));
            }

            assertEquals(429, last.status(), last.toString());
        }
    }

    private static Response password(OAuthClient http, String username, String password) {
        return http.post("/oauth2/token", form("grant_type", "password", "username", username,
                "password", password));
    }

    private static AuthenticateRequest login(String username, String password, String address) {
        return AuthenticateRequest.newBuilder().setUsername(username).setPassword(password)
                .setClientAddress(address).build();
    }
}
