package io.tollgate.flight.ingest;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SqlIdentifiersTest {

    @Test
    void aNameIsAlwaysQuotedAndItsQuotesDoubled() {
        assertEquals("\"Orders\"", SqlIdentifiers.quote("Orders", "table"));
        assertEquals("\"a\"\"; DROP TABLE x; --\"", SqlIdentifiers.quote("a\"; DROP TABLE x; --", "table"));
    }

    @Test
    void emptyOverlongAndNulNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.quote("", "table"));
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.quote(null, "table"));
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.quote("a\0b", "table"));
        assertThrows(IllegalArgumentException.class, () -> SqlIdentifiers.quote("é".repeat(32), "table"));
        assertEquals(65, SqlIdentifiers.quote("x".repeat(63), "table").length());
    }
}
