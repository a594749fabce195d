package io.tollgate.connect.grpc;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BearerHeadersTest {

    private static Metadata headers(String... keysAndValues) {
        Metadata headers = new Metadata();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            headers.put(Metadata.Key.of(keysAndValues[i], Metadata.ASCII_STRING_MARSHALLER), keysAndValues[i + 1]);
        }
        return headers;
    }

    @Test
    void takesTheTokenFromEitherHeaderWhateverTheSchemesCase() {
        assertEquals("abc", BearerHeaders.token(headers("authorization", "Bearer abc")));
        assertEquals("abc", BearerHeaders.token(headers("authentication", "bearer abc")));
        assertEquals("abc", BearerHeaders.token(headers("authorization", "  BEARER   abc  ")));
    }

    @Test
    void theSameValueInBothHeadersOrRepeatedIsOneToken() {
        assertEquals("abc", BearerHeaders.token(headers("authorization", "Bearer abc", "authentication", "Bearer abc")));
        assertEquals("abc", BearerHeaders.token(headers("authorization", "Bearer abc", "authorization", "Bearer abc")));
    }

    @Test
    void differentValuesAnywhereAreNoToken() {
        assertEquals("", BearerHeaders.token(headers("authorization", "Bearer abc", "authentication", "Bearer abd")));
        assertEquals("", BearerHeaders.token(headers("authorization", "Bearer abc", "authorization", "Bearer xyz")));
        assertEquals("", BearerHeaders.token(headers("authentication", "Bearer abc", "authentication", "Bearer abc",
                "authentication", "Bearer xyz")));
    }

    @Test
    void noHeaderOrAnotherSchemeIsNoToken() {
        assertEquals("", BearerHeaders.token(new Metadata()));
        assertEquals("", BearerHeaders.token(headers("authorization", "Basic dXNlcjpwYXNz")));
        assertEquals("", BearerHeaders.token(headers("authorization", "Bearer")));
        assertEquals("", BearerHeaders.token(headers("authorization", "Bearerabc")));
    }
}
