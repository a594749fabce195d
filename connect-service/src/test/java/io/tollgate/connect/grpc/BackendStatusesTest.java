package io.tollgate.connect.grpc;

import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.tollgate.connect.proto.ConfigRequest;
import io.tollgate.connect.support.ConnectTokens;
import io.tollgate.connect.support.SharedNeighbours;
import io.tollgate.connect.support.SparkBackendDouble;
import io.tollgate.connect.support.SparkRequests;
import io.tollgate.testkit.await.Await;
import io.tollgate.testkit.logs.IncidentCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a client reads of a backend's answer: Spark's own errors as Spark sent them, with their
 * details; any other status in the gateway's words; of the backend's headers and trailers, only
 * Spark's error details.
 */
class BackendStatusesTest {
    private final SharedNeighbours shared = SharedNeighbours.get();
    private final String token = ConnectTokens.spark("alice", "acme");

    private StatusRuntimeException failedExecute(String command) {
        return assertThrows(StatusRuntimeException.class, () -> shared.gateway.blocking("authorization", token)
                .executePlan(SparkRequests.execute(SparkRequests.newSession(), command)).forEachRemaining(r -> { }));
    }

    @Test
    void aSparkErrorPassesThroughWithItsMessageAndDetailsButNotTheBackendsOtherTrailers() throws Exception {
        StatusRuntimeException error = failedExecute("fail");

        assertEquals(Status.Code.INTERNAL, error.getStatus().getCode());
        assertEquals("[TABLE_OR_VIEW_NOT_FOUND] The table or view `nope` cannot be found.",
                error.getStatus().getDescription());
        ErrorInfo info = StatusProto.fromThrowable(error).getDetails(0).unpack(ErrorInfo.class);
        assertEquals("TABLE_OR_VIEW_NOT_FOUND", info.getMetadataOrThrow("errorClass"));
        assertTrue(info.containsMetadata("errorId"), "the id FetchErrorDetails takes reaches the client");
        assertNull(error.getTrailers().get(SparkBackendDouble.DRIVER_HOST));
    }

    @Test
    void theBackendsResponseHeadersStayAtTheGateway() {
        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        String session = SparkRequests.newSession();
        shared.gateway.blocking("authorization", token)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
                .config(ConfigRequest.newBuilder().setSessionId(session).build());

        assertEquals("alice@acme", shared.backendA.receivedFor(session).get(0).user().getUserId());
        assertNull(headers.get().get(SparkBackendDouble.DRIVER_HOST), headers.get().toString());
        assertNull(trailers.get().get(SparkBackendDouble.DRIVER_HOST), trailers.get().toString());
    }

    @Test
    void aStatusWithoutSparksDetailsIsAnsweredInTheGatewaysWords() {
        Map<Status.Code, String> ours = Map.of(
                Status.Code.DEADLINE_EXCEEDED, "deadline exceeded",
                Status.Code.CANCELLED, "call cancelled",
                Status.Code.UNAVAILABLE, ConnectErrors.BACKEND_UNAVAILABLE,
                Status.Code.RESOURCE_EXHAUSTED, ConnectErrors.MESSAGE_TOO_LARGE);
        ours.forEach((code, description) -> {
            StatusRuntimeException error = failedExecute("status:" + code.name());
            assertEquals(code, error.getStatus().getCode());
            assertEquals(description, error.getStatus().getDescription());
            assertNull(error.getTrailers().get(SparkBackendDouble.DRIVER_HOST), code.name());
        });
    }

    @Test
    void aBackendRefusingTheGatewayIsAnIncidentNotTheCallersCredentials() {
        try (IncidentCapture incidents = IncidentCapture.start()) {
            StatusRuntimeException error = failedExecute("status:UNAUTHENTICATED");

            assertEquals(Status.Code.INTERNAL, error.getStatus().getCode());
            String reference = IncidentCapture.referenceIn(error.getStatus().getDescription());
            Await.until(() -> !incidents.withId(reference).isEmpty(), Duration.ofSeconds(5), "the incident is logged");
            assertTrue(incidents.withId(reference).get(0).error().contains(SparkBackendDouble.INTERNAL_ADDRESS),
                    "the log keeps the backend's own text for the operator");
        }
    }

    @Test
    void aResponseOverTheSizeLimitIsAnsweredInTheGatewaysWordsAndItsOperationInterrupted() {
        String session = SparkRequests.newSession();
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> shared.gateway
                .blocking("authorization", token).executePlan(SparkRequests.execute(session, "oversized"))
                .forEachRemaining(r -> { }));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, error.getStatus().getCode());
        assertEquals(ConnectErrors.MESSAGE_TOO_LARGE, error.getStatus().getDescription());
        String operation = shared.backendA.receivedFor(session).get(0).operationId();
        Await.until(() -> shared.backendA.interrupts().stream().anyMatch(i -> i.getOperationId().equals(operation)),
                Duration.ofSeconds(10), "the operation whose result could not pass is interrupted");
        Await.until(() -> !shared.backendA.running(operation), Duration.ofSeconds(10), "the operation stops");
    }
}
