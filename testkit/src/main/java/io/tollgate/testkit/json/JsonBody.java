package io.tollgate.testkit.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A response body parsed as JSON, with assertions on its fields addressed by JSON Pointer
 * (RFC 6901: {@code /error/type}, {@code /upstreams/0/url}). Every failure message carries the
 * whole body.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String body;
    private final JsonNode root;

    private JsonBody(String body, JsonNode root) {
        this.body = body;
        this.root = root;
    }

    /** Parses {@code body}; fails the test when it is not JSON. */
    public static JsonBody parse(String body) {
        try {
            return new JsonBody(body, JSON.readTree(body == null ? "" : body));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON body: " + body, e);
        }
    }

    /** The node at {@code pointer}; fails the test when there is none. */
    public JsonNode at(String pointer) {
        JsonNode node = root.at(pointer);
        if (node.isMissingNode()) {
            throw new AssertionError("no " + pointer + " in " + body);
        }
        return node;
    }

    /** The text at {@code pointer}; fails the test when it is absent or not a string. */
    public String text(String pointer) {
        JsonNode node = at(pointer);
        if (!node.isTextual()) {
            throw new AssertionError(pointer + " is not a string in " + body);
        }
        return node.textValue();
    }

    /** Whether there is a node at {@code pointer}. */
    public boolean has(String pointer) {
        return !root.at(pointer).isMissingNode();
    }

    /**
     * Asserts that the node at {@code pointer} equals {@code expected}, compared as JSON ({@code
     * expected} is a string, number, boolean, list or map, or a JsonNode).
     */
    public JsonBody assertEquals(String pointer, Object expected) {
        JsonNode wanted = expected instanceof JsonNode node ? node : JSON.valueToTree(expected);
        JsonNode actual = at(pointer);
        boolean equal = actual.isNumber() && wanted.isNumber()
                ? actual.decimalValue().compareTo(wanted.decimalValue()) == 0
                : actual.equals(wanted);
        if (!equal) {
            throw new AssertionError(pointer + ": expected " + wanted + " but was " + actual + " in " + body);
        }
        return this;
    }

    /** Asserts that the text at {@code pointer} (a human-readable message) contains {@code fragment}. */
    public JsonBody assertTextContains(String pointer, String fragment) {
        String text = text(pointer);
        if (!text.contains(fragment)) {
            throw new AssertionError(pointer + ": expected text containing \"" + fragment + "\" but was \""
                    + text + "\" in " + body);
        }
        return this;
    }

    /** Asserts that some string anywhere in the body contains {@code fragment} (a message whose place varies). */
    public JsonBody assertAnyTextContains(String fragment) {
        if (!anyTextContains(root, fragment)) {
            throw new AssertionError("no string containing \"" + fragment + "\" in " + body);
        }
        return this;
    }

    private static boolean anyTextContains(JsonNode node, String fragment) {
        if (node.isTextual()) {
            return node.textValue().contains(fragment);
        }
        for (JsonNode child : node) {
            if (anyTextContains(child, fragment)) {
                return true;
            }
        }
        return false;
    }

    public JsonNode root() {
        return root;
    }

    @Override
    public String toString() {
        return body;
    }
}
