package io.tollgate.common.error;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IncidentTest {

    @Test
    void theCallerLearnsOnlyTheCorrelationId() {
        Incident incident = Incident.record("test", new SQLException("relation acme.secret does not exist"));

        assertEquals("internal error (ref " + incident.id() + ")", incident.publicMessage());
        assertFalse(incident.publicMessage().contains("acme"));
    }

    @Test
    void itsPublicMessageIsRecognisedAndNothingElse() {
        assertTrue(Incident.isPublicMessage(Incident.record("test", new RuntimeException()).publicMessage()));
        assertFalse(Incident.isPublicMessage("internal error (ref 123) and more"));
        assertFalse(Incident.isPublicMessage(null));
    }

    @Test
    void eachIncidentHasItsOwnId() {
        assertNotEquals(Incident.record("a", new RuntimeException()).id(),
                Incident.record("b", new RuntimeException()).id());
    }

    @Test
    void anIdIsSixteenHexDigits() {
        assertThrows(IllegalArgumentException.class, () -> new Incident("not an id"));
    }
}
