package io.tollgate.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.ManagedChannel;
import io.tollgate.proto.auth.v1.AuthServiceGrpc;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.proto.auth.v1.RevocationTarget;
import io.tollgate.proto.auth.v1.RevokeRequest;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.suite.DemoTenant;
import io.tollgate.testkit.suite.Suite;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.Location;
import org.apache.arrow.flight.auth2.BearerCredentialWriter;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Changes made at the identity and routing planes reach the data planes within one second: a
 * revoked token and a suspended tenant are refused by flight-service and catalog-service, which
 * learn of them from streams, not from a call per request.
 */
class PropagationIT {
    private static final Duration WITHIN = Duration.ofSeconds(1);
    private static final DemoTenant ACME = DemoTenant.all().get(0);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path state;
    static Suite suite;
    static ManagedChannel authChannel;
    static AuthServiceGrpc.AuthServiceBlockingStub auth;
    static RootAllocator allocator;
    static FlightSqlClient flight;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.startForTest(state);
        // As flight-service: auth-service's internal RPCs answer the data services only (mutual TLS).
        authChannel = suite.certificates().channel(suite.ports().authGrpc(), "flight-service", "auth-service");
        auth = AuthServiceGrpc.newBlockingStub(authChannel);
        allocator = new RootAllocator();
        flight = new FlightSqlClient(FlightClient.builder(allocator,
                Location.forGrpcInsecure("localhost", suite.ports().flight())).build());
    }

    @AfterAll
    static void stop() throws Exception {
        if (flight != null) {
            flight.close();
        }
        if (allocator != null) {
            allocator.close();
        }
        if (authChannel != null) {
            authChannel.shutdownNow();
        }
        if (suite != null) {
            suite.close();
        }
    }

    @Test
    void aRevokedTokenIsRefusedByFlightAndCatalogWithinOneSecond() throws Exception {
        String token = login(ACME.accounts().get(0));
        assertTrue(flightAccepts(token), "the fresh token works at flight-service");
        assertEquals(200, catalogStatus(token), "the fresh token works at catalog-service");

        auth.revoke(RevokeRequest.newBuilder().setReason("e2e")
                .setTarget(RevocationTarget.newBuilder().setTokenId(claim(token, "jti"))).build());
        long revokedAt = System.nanoTime();

        Await.until(() -> !flightAccepts(token), WITHIN, "flight-service refuses the revoked token");
        Await.until(() -> catalogStatus(token) == 401, WITHIN, "catalog-service refuses the revoked token");
        System.out.printf("revocation refused everywhere after %d ms%n", (System.nanoTime() - revokedAt) / 1_000_000);
    }

    @Test
    void aSuspendedTenantIsRefusedEverywhereWithinOneSecond() throws Exception {
        DemoTenant.DemoAccount reader = ACME.accounts().get(0);
        String token = login(reader);
        String admin = loginPlatformAdmin();
        assertTrue(flightAccepts(token));
        try {
            adminPost("/admin/v1/tenants/acme/suspend", admin);
            long suspendedAt = System.nanoTime();
            Await.until(() -> !flightAccepts(token), WITHIN, "flight-service refuses the suspended tenant's queries");
            Await.until(() -> catalogStatus(token) == 403, WITHIN, "catalog-service refuses the suspended tenant");
            Await.until(() -> !canLogin(reader), WITHIN, "auth-service refuses the suspended tenant's logins");
            // A suspended tenant and one the data plane does not know (the platform tenant has none)
            // get one and the same answer: nobody learns from a refusal whether a tenant exists.
            assertEquals(flightRefusal(admin), flightRefusal(token), "flight-service: suspended = unknown");
            assertEquals(catalogAnswer(admin), catalogAnswer(token), "catalog-service: suspended = unknown");
            System.out.printf("suspension refused everywhere after %d ms%n", (System.nanoTime() - suspendedAt) / 1_000_000);
        } finally {
            adminPost("/admin/v1/tenants/acme/resume", admin);
        }
        Await.until(() -> canLogin(reader), WITHIN, "a resumed tenant can log in again");
        String again = login(reader);
        Await.until(() -> flightAccepts(again), WITHIN, "a resumed tenant is served again");
    }

    private static String login(DemoTenant.DemoAccount account) {
        return auth.withDeadlineAfter(10, TimeUnit.SECONDS).authenticate(AuthenticateRequest.newBuilder()
                .setUsername(account.username()).setPassword(suite.password(account)).build()).getAccessToken();
    }

    private static String loginPlatformAdmin() {
        return auth.authenticate(AuthenticateRequest.newBuilder().setUsername(Suite.PLATFORM_ADMIN)
                .setPassword(suite.platformAdminPassword()).build()).getAccessToken();
    }

    private static boolean canLogin(DemoTenant.DemoAccount account) {
        try {
            login(account);
            return true;
        } catch (io.grpc.StatusRuntimeException e) {
            return false;
        }
    }

    private static boolean flightAccepts(String token) {
        CredentialCallOption bearer = new CredentialCallOption(new BearerCredentialWriter(token));
        try {
            flight.execute("SELECT 1", bearer);
            return true;
        } catch (FlightRuntimeException e) {
            FlightStatusCode code = e.status().code();
            assertTrue(code == FlightStatusCode.UNAUTHENTICATED || code == FlightStatusCode.UNAUTHORIZED,
                    "refused as unauthenticated or unauthorized, not " + code);
            return false;
        }
    }

    /** The status and text of flight-service's refusal of a query with this token. */
    private static String flightRefusal(String token) {
        CredentialCallOption bearer = new CredentialCallOption(new BearerCredentialWriter(token));
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class,
                () -> flight.execute("SELECT 1", bearer));
        return refused.status().code() + ": " + refused.status().description();
    }

    /** The status and body of catalog-service's answer to GET /v1/config with this token. */
    private static String catalogAnswer(String token) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.catalogUri() + "/v1/config"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " " + response.body();
    }

    private static int catalogStatus(String token) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(suite.catalogUri() + "/v1/config"))
                    .header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void adminPost(String path, String adminToken) throws Exception {
        String tenantPath = path.substring(0, path.lastIndexOf('/'));
        HttpResponse<String> current = HTTP.send(HttpRequest.newBuilder(URI.create(suite.routerUri() + tenantPath))
                .header("Authorization", "Bearer " + adminToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, current.statusCode(), current.body());
        String etag = current.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(suite.routerUri() + path))
                .header("Authorization", "Bearer " + adminToken).header("If-Match", etag)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
    }

    private static String claim(String jwt, String name) throws Exception {
        JsonNode payload = JSON.readTree(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                StandardCharsets.UTF_8));
        return payload.get(name).asText();
    }
}
