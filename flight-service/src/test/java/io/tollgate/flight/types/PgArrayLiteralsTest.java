package io.tollgate.flight.types;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PgArrayLiteralsTest {

    @Test
    void elementsAreQuotedEscapedAndNullsSpelledOut() {
        assertEquals("{\"a\",NULL,\"b,c\",\"d\\\"e\",\"f\\\\g\",\"\",\"NULL\"}",
                PgArrayLiterals.format(Arrays.asList("a", null, "b,c", "d\"e", "f\\g", "", "NULL")));
    }

    @Test
    void numbersBooleansBytesAndTimesAreWrittenAsPostgresReadsThem() {
        assertEquals("{1,-2.50,true,\"\\\\x00ff\",\"2024-02-29\",\"2024-02-29T10:00:00.000001+00\"}",
                PgArrayLiterals.format(List.of(1, new BigDecimal("-2.50"), true, new byte[] {0, (byte) 0xff},
                        LocalDate.of(2024, 2, 29),
                        LocalDateTime.of(2024, 2, 29, 10, 0, 0, 1000).atOffset(ZoneOffset.UTC))));
    }

    @Test
    void nestedListsBecomeNestedArrays() {
        assertEquals("{{1,2},{3,NULL}}", PgArrayLiterals.format(List.of(List.of(1, 2), Arrays.asList(3, null))));
    }
}
