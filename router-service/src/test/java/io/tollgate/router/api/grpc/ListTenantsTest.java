package io.tollgate.router.api.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tollgate.proto.router.v1.ListTenantsRequest;
import io.tollgate.proto.router.v1.ListTenantsResponse;
import io.tollgate.proto.router.v1.RouterServiceGrpc;
import io.tollgate.proto.router.v1.Tenant;
import io.tollgate.router.BootstrapFiles;
import io.tollgate.router.RouterServiceTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class ListTenantsTest extends RouterServiceTest {

    @Override
    protected String bootstrapJson() {
        // Out of order on purpose: pages follow the ids, not the insertion order.
        return BootstrapFiles.minimalTenants("delta", "alpha", "echo", "charlie", "bravo");
    }

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("tollgate.router.list-page-size-max", "4");
    }

    private ListTenantsResponse list(int pageSize, String pageToken) {
        return RouterServiceGrpc.newBlockingStub(channel()).listTenants(
                ListTenantsRequest.newBuilder().setPageSize(pageSize).setPageToken(pageToken).build());
    }

    private static List<String> ids(ListTenantsResponse response) {
        return response.getTenantsList().stream().map(Tenant::getId).toList();
    }

    @Test
    void fiveTenantsComeInThreeOrderedPagesOfTwoWithoutDuplicates() {
        ListTenantsResponse first = list(2, "");
        ListTenantsResponse second = list(2, first.getNextPageToken());
        ListTenantsResponse third = list(2, second.getNextPageToken());

        assertEquals(List.of("alpha", "bravo"), ids(first));
        assertEquals(List.of("charlie", "delta"), ids(second));
        assertEquals(List.of("echo"), ids(third));
        assertEquals("", third.getNextPageToken());
        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        all.addAll(ids(third));
        assertEquals(List.of("alpha", "bravo", "charlie", "delta", "echo"), all);
    }

    @Test
    void aPageThatEndsExactlyAtTheLastTenantHasNoNextToken() {
        ListTenantsResponse first = list(3, "");
        ListTenantsResponse last = list(3, first.getNextPageToken());

        assertEquals(List.of("delta", "echo"), ids(last));
        assertEquals("", last.getNextPageToken());
    }

    @Test
    void aPageSizeOfZeroMeansTheDefaultAndEveryPageSizeIsCappedAtTheMaximum() {
        assertEquals(4, list(0, "").getTenantsCount(), "default 100, capped at the configured 4");
        assertEquals(4, list(1000, "").getTenantsCount());
    }

    @Test
    void tenantsInAListCarryTheirFullRoute() {
        Tenant alpha = list(1, "").getTenants(0);

        assertEquals("alpha_app", alpha.getSqlBackend().getCredentials().getUsername());
        assertEquals("secret-alpha", alpha.getSqlBackend().getCredentials().getPassword());
        assertTrue(alpha.getRevision() > 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "QUNNRQ", "Li4vZXRj", "%%%"})
    void aPageTokenWeDidNotIssueIsAnInvalidArgument(String token) {
        // "QUNNRQ" and "Li4vZXRj" decode to "ACME" and "../etc": well-formed base64, not ids.
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> list(2, token));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("invalid page token", e.getStatus().getDescription());
    }

    @Test
    void aNegativePageSizeIsAnInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> list(-1, ""));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
    }
}
