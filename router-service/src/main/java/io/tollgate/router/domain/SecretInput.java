package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.function.Predicate;

/**
 * A secret a definition gives in one of the two forms a backend password has: the value itself
 * (stored as {@code literal:<value>}, development only) or a reference ({@link PasswordRef}); never
 * both, and never the masked {@code literal:***} that reads show in its place, so that a definition
 * read and written back cannot set the secret to three stars. Messages never echo either form.
 *
 * @param valueField  the value's field name, e.g. {@code secretAccessKey}
 * @param refField    the reference's field name, e.g. {@code secretAccessKeyRef}
 * @param noun        what the secret is, for messages ("key", "token")
 * @param valueRule   what a value must be
 * @param valueRuleMessage what is said when it is not
 */
record SecretInput(String valueField, String refField, String noun, Predicate<String> valueRule,
                   String valueRuleMessage) {
    private static final String MASKED_LITERAL = PasswordRef.LITERAL + "***";

    /**
     * The reference to store; null when there is none, each problem added under {@code path}.
     *
     * @param required whether leaving both out is a problem
     */
    @Nullable
    String reference(String path, @Nullable String value, @Nullable String ref, boolean required,
                     FieldProblems problems) {
        if (value != null && ref != null) {
            problems.add(path, "give " + valueField + " or " + refField + ", not both");
            return null;
        }
        if (value != null) {
            if (!valueRule.test(value)) {
                problems.add(path + "." + valueField, valueRuleMessage);
                return null;
            }
            return PasswordRef.LITERAL + value;
        }
        if (ref == null) {
            if (required) {
                problems.add(path + "." + valueField, "required: " + valueField + " or " + refField);
            }
            return null;
        }
        if (ref.equals(MASKED_LITERAL)) {
            problems.add(path + "." + refField, "is the masked form GET shows: give the " + noun + " or its reference");
            return null;
        }
        try {
            PasswordRef.parse(ref);
            return ref;
        } catch (IllegalArgumentException e) {
            problems.add(path + "." + refField, e.getMessage());
            return null;
        }
    }
}
