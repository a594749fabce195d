package io.tollgate.router.api.rest;

import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ResolveTenantRequest;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.TenantStatus;
import io.tollgate.router.AdminServiceTest;
import io.tollgate.router.support.AdminClient.Response;
import io.tollgate.router.support.Tenants;
import io.tollgate.testkit.await.Await;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

@MicronautTest(transactional = false)
class TenantDeletionTest extends AdminServiceTest {
    private static final String PATH = "/admin/v1/tenants";

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tollgate.router.deletion.drain-period", "1500ms",
                "tollgate.router.deletion.check-interval", "200ms");
    }

    private TenantStatus routeStatus(String id) {
        return RouterServiceGrpc.newBlockingStub(channel())
                .resolveTenant(ResolveTenantRequest.newBuilder().setTenantId(id).build()).getTenant().getStatus();
    }

    @Test
    void aDeletedTenantIsDeletingAtOnceAndGoneAfterTheDrainPeriod() throws InterruptedException {
        Response created = admin().post(PATH, Tenants.withPassword("doomed", "pw-doomed"));

        Response deleting = admin().delete(PATH + "/doomed", created.etag());

        assertEquals(202, deleting.status(), deleting::toString);
        assertEquals("deleting", deleting.json().get("status"));
        assertNotNull(deleting.json().get("deletionRequestedAt"));
        assertEquals(TenantStatus.TENANT_STATUS_DELETING, routeStatus("doomed"), "data services refuse it at once");
        assertEquals(409, admin().put(PATH + "/doomed", Tenants.withPassword("doomed", "pw"), deleting.etag()).status());
        assertEquals(409, admin().post(PATH + "/doomed/resume", null, deleting.etag()).status());
        assertEquals(200, admin().get(PATH + "/doomed").status(), "still there during the drain period");

        Await.until(() -> admin().get(PATH + "/doomed").status() == 404, Duration.ofSeconds(10),
                "the tenant is gone after the drain period");
        assertThrows(StatusRuntimeException.class, () -> routeStatus("doomed"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> history = (List<Map<String, Object>>) admin().get(PATH + "/doomed/history")
                .json().get("changes");
        assertEquals(List.of("created", "status_changed", "deleted"), history.stream().map(c -> c.get("kind")).toList());
        assertEquals(List.of("ops@platform", "ops@platform", "system:drain"),
                history.stream().map(c -> c.get("actor")).toList());
    }

    @Test
    void aTenantDeletedAgainDuringItsDrainIsLeftAsItIs() {
        Response created = admin().post(PATH, Tenants.withPassword("twice", "pw-twice"));
        Response first = admin().delete(PATH + "/twice", created.etag());

        Response second = admin().delete(PATH + "/twice", first.etag());

        assertEquals(202, second.status());
        assertEquals(first.etag(), second.etag());
    }
}
