package io.tollgate.flight.auth;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.ShopSchema;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightCallHeaders;
import org.apache.arrow.flight.FlightClient;
import org.apache.arrow.flight.HeaderCallOption;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the Flight endpoint makes of a call's credentials beyond their validity: the token must have
 * been issued for SQL, and the call must carry one {@code authorization} header, not two.
 */
class FlightCallCredentialsTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        server = FlightSqlServer.start(ShopSchema.create(DB));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() {
        server.close();
        allocator.close();
    }

    /** A call sending every one of these values as an {@code authorization} header of its own. */
    private static FlightRuntimeException refusal(List<String> authorizationHeaders) throws Exception {
        FlightCallHeaders headers = new FlightCallHeaders();
        authorizationHeaders.forEach(value -> headers.insert("authorization", value));
        try (FlightSqlClient client = new FlightSqlClient(FlightClient.builder(allocator, server.location()).build())) {
            return assertThrows(FlightRuntimeException.class,
                    () -> client.execute("SELECT 1", new HeaderCallOption(headers)));
        }
    }

    @Test
    void aValidTokenIssuedOnlyForTheCatalogIsPermissionDeniedNamingTheSqlScope() throws Exception {
        String catalogOnly = server.tokenWithScope("catalog", "w@acme", "acme", "writer");
        FlightRuntimeException refused = refusal(List.of("Bearer " + catalogOnly));
        assertEquals(FlightStatusCode.UNAUTHORIZED, refused.status().code());
        assertEquals("token lacks scope 'sql'", refused.status().description());

        SQLException viaJdbc = assertThrows(SQLException.class, () -> {
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(catalogOnly));
                 Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT 1").close();
            }
        });
        assertTrue(String.valueOf(viaJdbc.getMessage()).contains("token lacks scope 'sql'"), viaJdbc.toString());
    }

    @Test
    void aTokenWithTheSqlScopeAmongOthersIsAccepted() throws Exception {
        String token = server.tokenWithScope("catalog sql", "w@acme", "acme", "writer");
        try (FlightSqlClient client = server.client(allocator, token)) {
            assertEquals(1, client.execute("SELECT 1").getEndpoints().size());
        }
    }

    @Test
    void aCallWithTwoAuthorizationHeadersIsRefusedEvenWhenBothAreValid() throws Exception {
        String valid = "Bearer " + server.token("w@acme", "acme", "writer");
        String other = "Bearer " + server.token("w@globex", "globex", "writer");
        for (List<String> headers : List.of(List.of(valid, valid), List.of(valid, other),
                List.of(valid, "Bearer not-a-token"), List.of("Bearer not-a-token", valid))) {
            FlightRuntimeException refused = refusal(headers);
            assertEquals(FlightStatusCode.UNAUTHENTICATED, refused.status().code(), headers.toString());
            assertEquals("more than one authorization header", refused.status().description());
        }
    }
}
