package io.tollgate.flight.sql;

import io.tollgate.flight.error.InvalidRequestException;
import io.tollgate.flight.statement.QueryThreadsBusyException;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.FlightRuntimeException;
import org.apache.arrow.flight.FlightStatusCode;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What reaches the client of each kind of failure: our own words, or an incident's id and nothing else. */
class FlightErrorsTest {
    private static final String INCIDENT = "internal error \\(ref [0-9a-f]{16}\\)";

    private static void assertIncident(FlightRuntimeException answer) {
        assertEquals(FlightStatusCode.INTERNAL, answer.status().code());
        assertTrue(answer.status().description().matches(INCIDENT), answer.status().description());
    }

    @Test
    void aLibrarysIllegalArgumentIsAnIncidentNotItsText() {
        assertIncident(FlightErrors.toFlight(new IllegalArgumentException("Invalid value for EpochDay: 1e15")));
        assertIncident(FlightErrors.toFlight(new CompletionException(new IllegalStateException("pool at 10.0.0.5"))));
    }

    @Test
    void aRequestOurCodeRefusesKeepsItsOwnWords() {
        FlightRuntimeException answer = FlightErrors.toFlight(new InvalidRequestException("the uploaded data has no columns"));
        assertEquals(FlightStatusCode.INVALID_ARGUMENT, answer.status().code());
        assertEquals("the uploaded data has no columns", answer.status().description());
    }

    @Test
    void aLibrarysInternalOrUnknownStatusIsAnIncidentButAChosenStatusPassesAsRaised() {
        assertIncident(FlightErrors.toFlight(CallStatus.INTERNAL.withDescription("java.lang.NullPointerException")
                .toRuntimeException()));
        assertIncident(FlightErrors.toFlight(CallStatus.UNKNOWN.withDescription("io.netty failure").toRuntimeException()));
        FlightRuntimeException chosen = CallStatus.INVALID_ARGUMENT.withDescription("malformed ticket").toRuntimeException();
        assertSame(chosen, FlightErrors.toFlight(chosen));
        FlightRuntimeException incident = FlightErrors.toFlight(new IllegalStateException("bug"));
        assertSame(incident, FlightErrors.toFlight(incident), "an incident's answer is not recorded twice");
    }

    @Test
    void aBusyReplicaSaysSoAsResourceExhausted() {
        FlightRuntimeException answer = FlightErrors.toFlight(new QueryThreadsBusyException(8));
        assertEquals(FlightStatusCode.RESOURCE_EXHAUSTED, answer.status().code());
        assertEquals("the server is already streaming its maximum of 8 results; retry later",
                answer.status().description());
    }
}
