package io.tollgate.common.audit;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An audited value is the caller's text: it may not break the line or a field, however it tries. */
class AuditLineTest {
    @Test
    void everyCharacterThatCouldEndALineOrAFieldBecomesAnUnderscore() {
        String forged = "a\nb\rc\td e\u000bf\u0085g\u2028h\u2029i\u00a0j\u0000k\u007fl";

        assertEquals("a_b_c_d_e_f_g_h_i_j_k_l", AuditLine.clean(forged));
        assertEquals("event=catalog.mutation table=t1_event=forged subject=-",
                AuditLine.event("catalog.mutation").with("table", "t1\nevent=forged").with("subject", null).text());
    }

    @Test
    void aLongValueIsCutAndSaysSoAndOtherTextIsKeptAsItIs() {
        assertEquals("x".repeat(200) + "...", AuditLine.clean("x".repeat(250)));
        assertEquals("x".repeat(200), AuditLine.clean("x".repeat(200)));
        assertEquals("ns.table_ü-1", AuditLine.clean("ns.table_ü-1"));
        assertEquals("-", AuditLine.clean("  "));
    }
}
