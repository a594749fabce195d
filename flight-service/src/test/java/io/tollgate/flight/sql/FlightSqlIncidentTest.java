package io.tollgate.flight.sql;

import io.tollgate.flight.support.FlightSqlServer;
import io.tollgate.flight.support.Results;
import io.tollgate.flight.support.TenantDatabase;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.testkit.logs.IncidentCapture;
import io.tollgate.testkit.postgres.PostgresDatabase;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.apache.arrow.flight.sql.FlightSqlClient;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.TimeStampSecVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What nobody planned for reaches a real Flight SQL client as INTERNAL with a correlation id and
 * nothing else; the id leads to the whole failure in the log.
 */
class FlightSqlIncidentTest {
    static final TenantDatabase DB = new TenantDatabase(PostgresDatabase.create());
    static FlightSqlServer server;
    static BufferAllocator allocator;

    @BeforeAll
    static void start() throws Exception {
        Tenant acme = DB.addTenant("acme", 4);
        server = FlightSqlServer.start(List.of(acme));
        allocator = new RootAllocator();
    }

    @AfterAll
    static void stop() throws Exception {
        allocator.close();
        server.close();
    }

    @Test
    void aLibraryFailureInsideACallIsInternalWithAnIdThatTheLogCarries() throws Exception {
        try (IncidentCapture incidents = IncidentCapture.start();
             FlightSqlClient client = server.client(allocator, server.token("w@acme", "acme", "writer"));
             FlightSqlClient.PreparedStatement prepared = client.prepare("SELECT ?::timestamp");
             VectorSchemaRoot parameters = beyondEveryCalendar()) {
            // The JDK refuses a timestamp no calendar holds with a DateTimeException of its own
            // words: a failure our code did not plan for.
            prepared.setParameters(parameters);
            FlightRuntimeException failed = assertThrows(FlightRuntimeException.class,
                    () -> Results.read(client, prepared.execute()));

            assertEquals(FlightStatusCode.INTERNAL, failed.status().code());
            String description = failed.status().description();
            String id = IncidentCapture.referenceIn(description);
            assertFalse(description.contains("EpochDay"), "the JDK's message stays in the log");
            List<IncidentCapture.Logged> logged = incidents.withId(id);
            assertEquals(1, logged.size(), "logged once under its id: " + incidents.all());
            assertTrue(logged.get(0).stackDepth() > 0, "with its stack");
        }
    }

    /** One timestamp parameter, Long.MAX_VALUE seconds after the epoch. */
    private static VectorSchemaRoot beyondEveryCalendar() {
        VectorSchemaRoot root = VectorSchemaRoot.create(new Schema(List.of(
                Field.nullable("at", new ArrowType.Timestamp(TimeUnit.SECOND, null)))), allocator);
        root.allocateNew();
        ((TimeStampSecVector) root.getVector(0)).setSafe(0, Long.MAX_VALUE);
        root.setRowCount(1);
        return root;
    }
}
