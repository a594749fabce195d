package io.tollgate.auth.api.rest;

import io.tollgate.auth.service.oauth.OAuthError;
import io.tollgate.auth.service.oauth.OAuthException;
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
    void aRepeatedParameterIsAnInvalidRequestThatNamesItButNotItsValue() {
        OAuthException e = assertThrows(OAuthException.class,
                () -> FormBody.parse("password=first-secret&password=second-secret"));

        assertEquals(OAuthError.INVALID_REQUEST, e.error());
        assertEquals("parameter repeated: password", e.description());
    }

    @Test
    void brokenPercentEncodingAndOversizedBodiesAreInvalidRequests() {
        assertEquals(OAuthError.INVALID_REQUEST,
                assertThrows(OAuthException.class, () -> FormBody.parse("scope=%zz")).error());
        assertEquals(OAuthError.INVALID_REQUEST, assertThrows(OAuthException.class,
                () -> FormBody.parse("scope=" + "x".repeat(FormBody.MAX_LENGTH))).error());
    }
}
