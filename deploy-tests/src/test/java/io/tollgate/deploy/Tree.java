package io.tollgate.deploy;

import java.util.List;
import java.util.Map;

/** Typed reads of a parsed YAML tree (maps, lists, scalars), absent values as empty or null. */
final class Tree {

    private Tree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String... path) {
        Object value = at(node, path);
        return value instanceof List<?> list ? (List<Object>) list : List.of();
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    static boolean has(Object node, String... path) {
        return at(node, path) != null;
    }

    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }
}
