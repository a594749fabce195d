package io.tollgate.flight.auth;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.FlightClientMiddleware;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.client.ClientCookieMiddleware;
import org.apache.arrow.flight.grpc.CredentialCallOption;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session cookie through arrow-java's FlightClient: handed out after a call authenticated by
 * its {@code authorization} header, accepted on a call without one, and verified exactly like the
 * bearer token it carries.
 */
class FlightSessionCookieTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static final String QUERY = "SELECT name FROM customers WHERE id = 1";
    static List<Tenant> tenants;
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        tenants = ShopSchema.create(DB);
        server = FlightSqlServer.start(tenants);
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        allocator.close();
        server.close();
    }

    /** The {@code set-cookie} values of every call's response headers (or trailers, when alone). */
    static final class SetCookies implements FlightClientMiddleware.Factory {
        final List<List<String>> perCall = new CopyOnWriteArrayList<>();

        @Override
        public FlightClientMiddleware onCallStarted(org.apache.arrow.flight.CallInfo info) {
            return new FlightClientMiddleware() {
                @Override
                public void onBeforeSendingHeaders(CallHeaders outgoing) {
                }

                @Override
                public void onHeadersReceived(CallHeaders incoming) {
                    List<String> values = new ArrayList<>();
                    Iterable<String> all = incoming.getAll("set-cookie");
                    if (all != null) {
                        all.forEach(values::add);
                    }
                    perCall.add(values);
                }

                @Override
                public void onCallCompleted(CallStatus status) {
                }
            };
        }

        List<String> all() {
            return perCall.stream().flatMap(List::stream).toList();
        }
    }

    /** Sends fixed headers with every call. */
    static FlightClientMiddleware.Factory headers(Map<String, String> headers) {
        return info -> new FlightClientMiddleware() {
            @Override
            public void onBeforeSendingHeaders(CallHeaders outgoing) {
                headers.forEach(outgoing::insert);
            }

            @Override
            public void onHeadersReceived(CallHeaders incoming) {
            }

            @Override
            public void onCallCompleted(CallStatus status) {
            }
        };
    }

    static FlightSqlClient client(FlightClientMiddleware.Factory... middleware) {
        FlightClient.Builder builder = FlightClient.builder(allocator, server.location());
        for (FlightClientMiddleware.Factory m : middleware) {
            builder.intercept(m);
        }
        return new FlightSqlClient(builder.build());
    }

    static List<String> names(FlightSqlClient client) throws Exception {
        return Results.read(client, client.execute(QUERY)).column(0);
    }

    static String cookie(String token) {
        return "tollgate_session=\"" + token + "\"";
    }

    /** The token a {@code set-cookie} value carries, checking its form and its Max-Age. */
    static String tokenOf(String setCookie) {
        Matcher m = Pattern.compile("tollgate_session=([A-Za-z0-9._-]+); Max-Age=(\\d+)").matcher(setCookie);
        assertTrue(m.matches(), setCookie);
        long maxAge = Long.parseLong(m.group(2));
        assertTrue(maxAge > 590 && maxAge <= 600, "lives as long as the 10-minute token: " + maxAge);
        return m.group(1);
    }

    static void assertRefused(FlightSqlClient client) {
        FlightRuntimeException refused = assertThrows(FlightRuntimeException.class, () -> names(client));
        assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code());
        assertEquals("invalid credentials", refused.status().description());
    }

    @Test
    void aBearerCallGetsItsTokenAsCookieOnceAndTheCookieAloneThenAuthenticates() throws Exception {
        String token = server.token("w@acme", "acme", "writer");
        SetCookies seen = new SetCookies();
        try (FlightSqlClient client = client(FlightSqlServer.bearer(token), new ClientCookieMiddleware.Factory(), seen)) {
            assertEquals(List.of("Ada"), names(client));
            assertEquals(1, seen.all().size(), "only the first call, which did not send the cookie yet: " + seen.perCall);
            assertEquals(token, tokenOf(seen.all().get(0)));
            seen.perCall.clear();
            assertEquals(List.of("Ada"), names(client));
            assertEquals(List.of(), seen.all(), "the cookie carried the same token: nothing new");
        }
        SetCookies cookieOnly = new SetCookies();
        try (FlightSqlClient client = client(headers(Map.of("cookie", "a=b; " + cookie(token))), cookieOnly)) {
            assertEquals(List.of("Ada"), names(client));
            assertEquals(List.of(), cookieOnly.all(), "a call authenticated by the cookie gets none");
        }
    }

    @Test
    void aBasicHandshakeLeavesTheIssuedTokenInArrowsCookieJarWhichThenCarriesTheSession() throws Exception {
        SetCookies seen = new SetCookies();
        FlightClient flight = FlightClient.builder(allocator, server.location())
                .intercept(new ClientCookieMiddleware.Factory()).intercept(seen).build();
        try (FlightSqlClient client = new FlightSqlClient(flight)) {
            Optional<CredentialCallOption> bearer = flight.authenticateBasicToken("w@acme", FlightSqlServer.PASSWORD);
            assertTrue(bearer.isPresent());
            assertEquals(1, seen.all().size(), seen.perCall.toString());
            tokenOf(seen.all().get(0));
            // No credential option: only the cookie jar speaks for the client.
            assertEquals(List.of("Ada"), names(client));
        }
    }

    @Test
    void forgedExpiredRevokedOrMalformedTokensInTheCookieAreRefusedAndGetNoCookie() throws Exception {
        String revoked = server.token("revoked@acme", "acme", "writer");
        try (FlightSqlClient client = client(headers(Map.of("cookie", cookie(revoked))))) {
            assertEquals(List.of("Ada"), names(client), "valid until revoked");
        }
        server.revoke(revoked);
        for (String token : List.of(server.forgedToken("w@acme", "acme", "writer"),
                server.expiredToken("w@acme", "acme", "writer"), revoked, "not-a-token")) {
            SetCookies seen = new SetCookies();
            try (FlightSqlClient client = client(headers(Map.of("cookie", cookie(token))), seen)) {
                assertRefused(client);
                assertEquals(List.of(), seen.all());
            }
        }
    }

    @Test
    void anInvalidAuthorizationHeaderIsRefusedWhateverTheCookieSays() throws Exception {
        String valid = server.token("w@acme", "acme", "writer");
        for (String authorization : List.of("Bearer " + server.expiredToken("w@acme", "acme", "writer"),
                "Bearer garbage", "Basic " + Base64.getEncoder().encodeToString("w@acme:wrong".getBytes()))) {
            SetCookies seen = new SetCookies();
            try (FlightSqlClient client = client(
                    headers(Map.of("authorization", authorization, "cookie", cookie(valid))), seen)) {
                assertRefused(client);
                assertEquals(List.of(), seen.all(), "no set-cookie on a refused call");
            }
        }
    }

    @Test
    void withoutAnyCredentialTheCallIsRefused() throws Exception {
        SetCookies seen = new SetCookies();
        try (FlightSqlClient client = client(headers(Map.of("cookie", "tollgate_session=; other=1")), seen)) {
            assertRefused(client);
            assertEquals(List.of(), seen.all());
        }
    }

    @Test
    void whenDisabledTheCookieIsNeitherSetNorAccepted() throws Exception {
        try (FlightSqlServer off = FlightSqlServer.start(tenants,
                Map.of("tollgate.flight.session-cookie.enabled", false))) {
            String token = off.token("w@acme", "acme", "writer");
            SetCookies seen = new SetCookies();
            try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator, off.location())
                    .intercept(FlightSqlServer.bearer(token)).intercept(seen).build())) {
                assertEquals(List.of("Ada"), names(client));
                assertEquals(List.of(), seen.all());
            }
            try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator, off.location())
                    .intercept(headers(Map.of("cookie", cookie(token)))).build())) {
                assertRefused(client);
            }
        }
    }
}
