package io.tollgate.flight.tenant;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.postgres.PostgresDatabase;
import io.tollgate.proto.router.v1.TenantStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * flight-service's wire for common's tenant gate: a validly signed token for a tenant the registry
 * does not know, for a suspended one and for the platform tenant get one and the same answer, so a
 * caller cannot learn which tenants exist.
 */
class TenantGatePolicyTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = DB.addTenant("acme", 2);
        Tenant suspended = DB.addTenant("umbrella", 2).toBuilder().setStatus(TenantStatus.TENANT_STATUS_SUSPENDED).build();
        server = FlightSqlServer.start(List.of(acme, suspended));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static FlightRuntimeException refusal(String tenantId) throws Exception {
        try (FlightSqlClient client = server.client(server.token("a@" + tenantId, tenantId, "reader"))) {
            return assertThrows(FlightRuntimeException.class, () -> Results.read(client, client.execute("SELECT 1")));
        }
    }

    @Test
    void unknownSuspendedAndPlatformTenantsAreRefusedIdentically() throws Exception {
        FlightRuntimeException unknown = refusal("initech");
        FlightRuntimeException suspended = refusal("umbrella");
        FlightRuntimeException platform = refusal("platform");

        assertEquals(FlightStatusCode.UNAUTHORIZED, unknown.status().code());
        assertEquals("tenant is not available", unknown.status().description());
        for (FlightRuntimeException other : List.of(suspended, platform)) {
            assertEquals(unknown.status().code(), other.status().code());
            assertEquals(unknown.status().description(), other.status().description());
        }
        try (FlightSqlClient client = server.client(server.token("a@acme", "acme", "reader"))) {
            assertEquals(1, Results.read(client, client.execute("SELECT 1")).rows().size(), "an active tenant is served");
        }
    }
}
