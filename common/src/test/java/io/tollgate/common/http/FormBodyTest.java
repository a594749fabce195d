package io.tollgate.common.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormBodyTest {

    @Test
    void parametersAreFormDecoded() throws Exception {
        assertEquals(Map.of("username", "alice@acme", "password", "p&ss w=rd+"),
                FormBody.parse("username=alice%40acme&password=p%26ss+w%3Drd%2B"));
    }

    @Test
    void aParameterWithoutAValueCountsAsAbsent() throws Exception {
        assertEquals(Map.of("grant_type", "password"), FormBody.parse("grant_type=password&scope=&state"));
    }

    @Test
    void aRepeatedParameterIsRefusedNamingItButNotItsValue() {
        FormBody.MalformedFormException e = assertThrows(FormBody.MalformedFormException.class,
                () -> FormBody.parse("password=first-secret&password=second-secret"));

        assertEquals("parameter repeated: password", e.getMessage());
    }

    @Test
    void brokenPercentEncodingAndOversizedBodiesAreRefused() {
        assertEquals("malformed form encoding", assertThrows(FormBody.MalformedFormException.class,
                () -> FormBody.parse("scope=%zz")).getMessage());
        assertEquals("request body too large", assertThrows(FormBody.MalformedFormException.class,
                () -> FormBody.parse("scope=" + "x".repeat(FormBody.MAX_LENGTH))).getMessage());
    }
}
