package io.tollgate.deploy;

import io.kubernetes.client.custom.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small strict schema for custom resources: an object rule names every field it allows (anything
 * else is a finding) and which are required; leaves are typed. It covers the fields our manifests
 * use and their close relatives, not the whole CRD: a field missing here must be added on purpose.
 */
sealed interface FieldRules {

    Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h))+");

    enum Leaf implements FieldRules {
        STRING, BOOLEAN, INTEGER, DURATION_TEXT, QUANTITY, ANY_MAP_OF_STRINGS
    }

    record Fields(Map<String, FieldRules> fields, Set<String> required) implements FieldRules {
        static Fields of(Map<String, FieldRules> fields, String... required) {
            return new Fields(fields, Set.of(required));
        }
    }

    record ListOf(FieldRules item) implements FieldRules {
    }

    record OneOf(Set<String> values) implements FieldRules {
        static OneOf of(String... values) {
            return new OneOf(Set.of(values));
        }
    }

    static List<String> violations(FieldRules rules, Object value, String path) {
        List<String> problems = new ArrayList<>();
        collect(rules, value, path, problems);
        return problems;
    }

    private static void collect(FieldRules rules, Object value, String path, List<String> problems) {
        if (rules instanceof Fields object) {
            if (!(value instanceof Map<?, ?> map)) {
                problems.add(path + ": expected an object");
                return;
            }
            for (String required : object.required()) {
                if (!map.containsKey(required)) {
                    problems.add(path + "." + required + ": required");
                }
            }
            map.forEach((key, child) -> {
                FieldRules childRules = object.fields().get(String.valueOf(key));
                if (childRules == null) {
                    problems.add(path + "." + key + ": unknown field");
                } else {
                    collect(childRules, child, path + "." + key, problems);
                }
            });
        } else if (rules instanceof ListOf list) {
            if (!(value instanceof List<?> items)) {
                problems.add(path + ": expected a list");
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                collect(list.item(), items.get(i), path + "[" + i + "]", problems);
            }
        } else if (rules instanceof OneOf oneOf) {
            if (!oneOf.values().contains(String.valueOf(value))) {
                problems.add(path + ": " + value + " is not one of " + oneOf.values());
            }
        } else {
            checkLeaf((Leaf) rules, value, path, problems);
        }
    }

    private static void checkLeaf(Leaf leaf, Object value, String path, List<String> problems) {
        boolean ok = switch (leaf) {
            case STRING -> value instanceof String;
            case BOOLEAN -> value instanceof Boolean;
            case INTEGER -> value instanceof Integer || value instanceof Long;
            case DURATION_TEXT -> value instanceof String text && DURATION.matcher(text).matches();
            case QUANTITY -> isQuantity(value);
            case ANY_MAP_OF_STRINGS -> value instanceof Map<?, ?> map
                    && map.values().stream().allMatch(String.class::isInstance);
        };
        if (!ok) {
            problems.add(path + ": " + value + " is not a valid " + leaf.name().toLowerCase());
        }
    }

    private static boolean isQuantity(Object value) {
        try {
            Quantity.fromString(String.valueOf(value));
            return value instanceof String || value instanceof Integer;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
