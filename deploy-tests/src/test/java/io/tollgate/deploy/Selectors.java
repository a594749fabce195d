package io.tollgate.deploy;

import java.util.List;
import java.util.Map;

/** Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) against a pod's labels. */
final class Selectors {

    private Selectors() {
    }

    /** Whether the selector picks a pod with these labels; an empty selector picks every pod. */
    static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        if (!labels.entrySet().containsAll(Tree.map(selector, "matchLabels").entrySet())) {
            return false;
        }
        return Tree.list(selector, "matchExpressions").stream().allMatch(expression -> {
            Object value = labels.get(Tree.string(expression, "key"));
            List<Object> values = Tree.list(expression, "values");
            return switch (String.valueOf(Tree.string(expression, "operator"))) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
        });
    }
}
