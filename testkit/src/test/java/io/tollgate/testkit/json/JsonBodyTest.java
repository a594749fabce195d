package io.tollgate.testkit.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonBodyTest {
    private static final String ERROR = """
            {"error": {"message": "token lacks scope 'catalog'", "type": "ForbiddenException", "code": 403},
             "upstreams": [{"name": "trino", "url": "https://trino.example:8443"}]}""";

    @Test
    void fieldsAreComparedAsParsedJsonWhateverTheSpacingAndKeyOrder() {
        JsonBody.parse(ERROR)
                .assertEquals("/error/type", "ForbiddenException")
                .assertEquals("/error/code", 403)
                .assertEquals("/upstreams", List.of(Map.of("url", "https://trino.example:8443", "name", "trino")))
                .assertTextContains("/error/message", "lacks scope")
                .assertAnyTextContains("trino.example");
    }

    @Test
    void aDifferentValueAMissingFieldAndABodyThatIsNotJsonFailWithTheBody() {
        JsonBody body = JsonBody.parse(ERROR);

        AssertionError different = assertThrows(AssertionError.class, () -> body.assertEquals("/error/code", 401));
        AssertionError missing = assertThrows(AssertionError.class, () -> body.assertEquals("/error/detail", "x"));
        AssertionError notJson = assertThrows(AssertionError.class, () -> JsonBody.parse("<html>503</html>"));

        assertTrue(different.getMessage().startsWith("/error/code: expected 401 but was 403"), different.getMessage());
        assertTrue(missing.getMessage().startsWith("no /error/detail in {"), missing.getMessage());
        assertEquals("not a JSON body: <html>503</html>", notJson.getMessage());
    }

    @Test
    void aStringIsNotANumberAndANumberIsNotAString() {
        JsonBody body = JsonBody.parse("{\"code\": \"403\", \"n\": 403}");

        assertThrows(AssertionError.class, () -> body.assertEquals("/code", 403));
        assertThrows(AssertionError.class, () -> body.text("/n"));
    }
}
