package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ListTenantsRequest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.router.RouterServiceTest;
import io.tollgate.testkit.logs.IncidentCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The one error policy on router-service's gRPC face: when the registry's database fails under a
 * call (here the tenants table is gone, so PostgreSQL's message names the relation), the caller
 * gets INTERNAL whose only description is a reference, and the log has that reference once, with
 * the stack.
 */
@MicronautTest(transactional = false)
class UnexpectedGrpcFailuresTest extends RouterServiceTest {
    private static final List<String> INTERNALS = List.of("relation", "tenants", "router.", "SQL", "Exception",
            "org.postgresql", "java.");

    @Override
    protected String bootstrapJson() {
        return """
                {"tenants":[
                  {"id":"acme","displayName":"Acme Corp","status":"active","isolationMode":"DEDICATED",
                   "jdbcUrl":"jdbc:postgresql://localhost:54329/tenant_acme","username":"acme_app","password":"pw"}
                ]}""";
    }

    private RouterServiceGrpc.RouterServiceBlockingStub router() {
        return RouterServiceGrpc.newBlockingStub(channel());
    }

    @Test
    void resolveTenantAnswersInternalWithOnlyAReferenceThatIsInTheLog() throws Exception {
        assertGenericInternal(() -> router().resolveTenant(
                ResolveTenantRequest.newBuilder().setTenantId("acme").build()));
    }

    @Test
    void listTenantsAnswersInternalWithOnlyAReferenceThatIsInTheLog() throws Exception {
        assertGenericInternal(() -> router().listTenants(ListTenantsRequest.newBuilder().setPageSize(10).build()));
    }

    @Test
    void theRegistryAnswersAgainOnceItsTableIsBack() {
        assertEquals("acme", router().resolveTenant(ResolveTenantRequest.newBuilder().setTenantId("acme").build())
                .getTenant().getId());
    }

    private void assertGenericInternal(Executable call) throws SQLException {
        StatusRuntimeException refused;
        try (IncidentCapture incidents = IncidentCapture.start()) {
            execute("ALTER TABLE router.tenants RENAME TO tenants_away");
            try {
                refused = assertThrows(StatusRuntimeException.class, call);
            } finally {
                execute("ALTER TABLE router.tenants_away RENAME TO tenants");
            }

            assertEquals(Status.Code.INTERNAL, refused.getStatus().getCode(), refused::toString);
            String reference = IncidentCapture.referenceIn(refused.getStatus().getDescription());
            List<IncidentCapture.Logged> logged = incidents.withId(reference);
            assertEquals(1, logged.size(), () -> "logged once under " + reference + ": " + incidents.all());
            assertTrue(logged.get(0).stackDepth() > 0, "with its stack");
        }
        String description = refused.getStatus().getDescription();
        INTERNALS.forEach(internal -> assertFalse(description.contains(internal),
                () -> internal + " in " + description));
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
