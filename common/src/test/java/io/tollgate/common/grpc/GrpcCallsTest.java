package io.tollgate.common.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcCallsTest {
    private static final KnownErrors KNOWN = KnownErrors.none()
            .on(IllegalArgumentException.class, e -> Status.INVALID_ARGUMENT.withDescription("bad page token"));

    @Test
    void aResponseIsSentAndTheCallCompletedOnce() {
        Recorder<String> observer = new Recorder<>();

        GrpcCalls.respond(observer, "Test", KNOWN, () -> "answer");

        assertEquals(List.of("next:answer", "completed"), observer.events);
    }

    @Test
    void anExpectedExceptionAnswersTheEndpointsStatus() {
        Recorder<String> observer = new Recorder<>();

        GrpcCalls.respond(observer, "Test", KNOWN, () -> {
            throw new IllegalArgumentException("For input string: \"x\" at java.lang.Long.parseLong");
        });

        Status status = observer.onlyError();
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertEquals("bad page token", status.getDescription());
    }

    @Test
    void anUnexpectedExceptionAnswersInternalWithOnlyAReference() {
        Recorder<String> observer = new Recorder<>();

        GrpcCalls.respond(observer, "Test", KNOWN, () -> {
            throw new IllegalStateException("could not run SELECT * FROM acme.secrets",
                    new SQLException("Connection is closed", "08003"));
        });

        Status status = observer.onlyError();
        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertTrue(status.getDescription().matches("internal error \\(ref [0-9a-f]{16}\\)"), status::toString);
        assertEquals(null, status.getCause(), "no cause travels with the status");
    }

    @Test
    void aBodysOwnRefusalIsAnsweredAsItIs() {
        Recorder<String> observer = new Recorder<>();

        GrpcCalls.respond(observer, "Test", KNOWN, () -> {
            throw GrpcCalls.refuse(Status.NOT_FOUND.withDescription("unknown tenant"));
        });

        Status status = observer.onlyError();
        assertEquals(Status.Code.NOT_FOUND, status.getCode());
        assertEquals("unknown tenant", status.getDescription());
    }

    /** A status from a call to another service carries that service's words: not ours to repeat. */
    @Test
    void aStatusFromANestedCallIsAnIncidentNotPassedThrough() {
        Recorder<String> observer = new Recorder<>();

        GrpcCalls.respond(observer, "Test", KNOWN, () -> {
            throw Status.UNAVAILABLE.withDescription("io exception: Connection refused: router/10.0.0.7:50052")
                    .asRuntimeException();
        });

        Status status = observer.onlyError();
        assertEquals(Status.Code.INTERNAL, status.getCode());
        assertFalse(status.getDescription().contains("10.0.0.7"));
    }

    @Test
    void theFirstMatchingEntryWins() {
        KnownErrors table = KnownErrors.none()
                .on(IllegalArgumentException.class, e -> Status.INVALID_ARGUMENT)
                .on(RuntimeException.class, e -> Status.UNAVAILABLE);

        assertEquals(Status.Code.INVALID_ARGUMENT,
                table.statusOf(new NumberFormatException()).orElseThrow().getCode());
        assertEquals(Status.Code.UNAVAILABLE, table.statusOf(new IllegalStateException()).orElseThrow().getCode());
        assertTrue(table.statusOf(new AssertionError()).isEmpty());
    }

    /** Records what a call was answered, in order. */
    private static final class Recorder<T> implements StreamObserver<T> {
        final List<String> events = new ArrayList<>();
        Throwable error;

        @Override
        public void onNext(T value) {
            events.add("next:" + value);
        }

        @Override
        public void onError(Throwable t) {
            events.add("error");
            error = t;
        }

        @Override
        public void onCompleted() {
            events.add("completed");
        }

        Status onlyError() {
            assertEquals(List.of("error"), events, "answered exactly once, with an error");
            return assertInstanceOf(StatusRuntimeException.class, error).getStatus();
        }
    }
}
