package io.tollgate.connect.grpc;

import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.proto.router.v1.Quotas;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session sticks to one of its tenant's backends across calls, and moves only when that backend
 * leaves the tenant's list; sessions spread over every backend; and two tenants' calls each reach
 * their own tenant's backends only.
 */
class SessionAffinityTest {
    private final SharedNeighbours shared = SharedNeighbours.get();

    private Optional<SparkBackendDouble> backendOf(String session) {
        return Stream.of(shared.backendA, shared.backendB, shared.backendC)
                .filter(b -> !b.receivedFor(session).isEmpty()).findFirst();
    }

    private void call(String token, String session) {
        shared.gateway.blocking("authorization", token).config(ConfigRequest.newBuilder().setSessionId(session).build());
    }

    @Test
    void aSessionStaysOnItsBackendAndMovesOnlyWhenThatBackendLeaves() {
        // Room for one user's 24 sessions within its share (principal-share) of the tenant's.
        var tenant = SharedNeighbours.sparkTenant("sticky", "", Quotas.newBuilder().setMaxSparkSessions(64).build(),
                shared.backendA.endpoint(), shared.backendB.endpoint(), shared.backendC.endpoint());
        shared.gateway.awaitRevision(shared.registry.upsert(tenant));
        String token = ConnectTokens.spark("gina", "sticky");
        List<String> sessions = Stream.generate(SparkRequests::newSession).limit(24).toList();
        sessions.forEach(s -> call(token, s));
        sessions.forEach(s -> call(token, s));
        sessions.forEach(s -> assertEquals(1, Stream.of(shared.backendA, shared.backendB, shared.backendC)
                .filter(b -> !b.receivedFor(s).isEmpty()).count(), "one backend for session " + s));
        assertEquals(3, sessions.stream().map(s -> backendOf(s).orElseThrow()).distinct().count(),
                "24 sessions spread over all three backends");

        // Backend b leaves: only its sessions move; the others stay where they were.
        shared.gateway.awaitRevision(shared.registry.upsert(SharedNeighbours.sparkTenant("sticky", "",
                Quotas.getDefaultInstance(), shared.backendA.endpoint(), shared.backendC.endpoint())));
        for (String session : sessions) {
            SparkBackendDouble before = backendOf(session).orElseThrow();
            call(token, session);
            List<SparkBackendDouble> now = Stream.of(shared.backendA, shared.backendB, shared.backendC)
                    .filter(b -> b.receivedFor(session).size() > (b == before ? 2 : 0)).toList();
            assertEquals(1, now.size(), session);
            if (before == shared.backendB) {
                assertNotEquals(shared.backendB, now.get(0));
            } else {
                assertEquals(before, now.get(0), "a session whose backend stayed did not move");
            }
        }
    }

    @Test
    void eachTenantReachesOnlyItsOwnBackendWhateverSessionItPresents() {
        String session = SparkRequests.newSession();
        call(ConnectTokens.spark("alice", "acme"), session);
        call(ConnectTokens.spark("bob", "globex"), session);

        assertEquals(List.of("alice@acme"), shared.backendA.receivedFor(session).stream()
                .map(r -> r.user().getUserId()).toList());
        assertEquals(List.of("bob@globex"), shared.backendB.receivedFor(session).stream()
                .map(r -> r.user().getUserId()).toList());
        assertTrue(shared.backendB.receivedFor(session).stream()
                .allMatch(r -> ("Bearer " + SharedNeighbours.GLOBEX_BACKEND_TOKEN).equals(r.authorization())));
    }
}
