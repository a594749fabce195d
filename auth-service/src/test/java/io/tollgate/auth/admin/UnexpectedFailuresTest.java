package io.tollgate.auth.admin;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tollgate.auth.AuthServer;
import io.tollgate.auth.OAuthClient;
import io.tollgate.auth.TestSupport;
import io.tollgate.proto.auth.v1.AuthenticateRequest;
import io.tollgate.testkit.logs.IncidentCapture;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.testkit.registry.RegistryDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tollgate.auth.OAuthClient.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one error policy on auth-service's every face: when its database fails under a call (here
 * the accounts table is gone, so PostgreSQL answers with a message naming the relation), the
 * caller gets a generic error whose only detail is a reference, and the log has that reference
 * once, with the stack. The admin API answers a problem document, the token endpoint RFC 6749's
 * server_error, the gRPC API INTERNAL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnexpectedFailuresTest {
    /** What PostgreSQL's and the driver's messages carry here: none may reach a caller. */
    private static final List<String> INTERNALS = List.of("relation", "accounts", "auth.", "PSQL", "SQL",
            "Exception", "org.postgresql", "java.");

    private final PostgresDatabase db = PostgresDatabase.create();
    private final RegistryDouble router = RegistryDouble.withActiveTenants("acme");
    private final AuthServer server = AuthServer.start(db, router, Map.of("tollgate.auth.bootstrap-file",
            TestSupport.bootstrapFile(AdminFixture.BOOTSTRAP).toString()));
    private final AdminClient admin = new AdminClient(server);

    @AfterAll
    void stop() {
        server.close();
        router.close();
    }

    @Test
    void theAdminApiAnswersAGeneric500ProblemWhoseReferenceIsInTheLog() throws Exception {
        String token = admin.login("admin@platform", "adm1n-password");
        AdminClient.Response response;
        try (IncidentCapture incidents = IncidentCapture.start(); AccountsTableGone gone = new AccountsTableGone()) {
            response = admin.get(token, "/admin/v1/accounts?tenant=acme");

            assertEquals(500, response.status(), response.toString());
            assertEquals("application/problem+json", response.header("Content-Type").orElseThrow().split(";")[0]);
            assertEquals(Set.of("type", "title", "status", "detail"), response.map().keySet(), response.toString());
            assertEquals("Internal Server Error", response.string("title"));
            assertLoggedOnceWithItsStack(incidents, IncidentCapture.referenceIn(response.string("detail")));
        }
        assertNoInternals(response.raw().body());
    }

    @Test
    void theTokenEndpointAnswersServerErrorWithOnlyAReference() throws Exception {
        OAuthClient.Response response;
        try (IncidentCapture incidents = IncidentCapture.start(); AccountsTableGone gone = new AccountsTableGone()) {
            response = admin.oauth().post("/oauth2/token", form("grant_type", "password",
                    "username", "alice@acme", "password", "al1ce-password"));

            assertEquals(500, response.status(), response.toString());
            assertEquals(Set.of("error", "error_description"), response.json().keySet(), response.toString());
            assertEquals("server_error", response.string("error"));
            assertLoggedOnceWithItsStack(incidents, IncidentCapture.referenceIn(response.string("error_description")));
        }
        assertNoInternals(response.raw().body());
    }

    @Test
    void theGrpcApiAnswersInternalWithOnlyAReference() throws Exception {
        StatusRuntimeException refused;
        try (IncidentCapture incidents = IncidentCapture.start(); AccountsTableGone gone = new AccountsTableGone()) {
            try {
                server.auth().authenticate(AuthenticateRequest.newBuilder()
                        .setUsername("alice@acme").setPassword("al1ce-password").build());
                throw new AssertionError("a login without an accounts table succeeded");
            } catch (StatusRuntimeException e) {
                refused = e;
            }

            assertEquals(Status.Code.INTERNAL, refused.getStatus().getCode(), refused::toString);
            assertLoggedOnceWithItsStack(incidents, IncidentCapture.referenceIn(refused.getStatus().getDescription()));
        }
        assertNoInternals(refused.getStatus().getDescription());
    }

    private static void assertLoggedOnceWithItsStack(IncidentCapture incidents, String reference) {
        List<IncidentCapture.Logged> logged = incidents.withId(reference);
        assertEquals(1, logged.size(), () -> "logged once under " + reference + ": " + incidents.all());
        assertTrue(logged.get(0).stackDepth() > 0, "with its stack");
    }

    private static void assertNoInternals(String text) {
        INTERNALS.forEach(internal -> assertFalse(text.contains(internal), () -> internal + " in " + text));
    }

    /** The accounts table renamed away while open, as if the schema were broken under the service. */
    private final class AccountsTableGone implements AutoCloseable {
        AccountsTableGone() throws SQLException {
            execute("ALTER TABLE auth.accounts RENAME TO accounts_away");
        }

        @Override
        public void close() throws SQLException {
            execute("ALTER TABLE auth.accounts_away RENAME TO accounts");
        }

        private void execute(String sql) throws SQLException {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        }
    }
}
