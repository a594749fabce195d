package io.tollgate.router.domain;

import io.micronaut.core.annotation.Nullable;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a backend password comes from, parsed from its stored form:
 * <ul>
 *   <li>{@code literal:<password>}: the password itself (development only: it sits in the registry
 *       table);</li>
 *   <li>{@code secret:<namespace>/<name>#<key>}: a key of a Kubernetes Secret, read when the route is
 *       served.</li>
 * </ul>
 */
public sealed interface PasswordRef {
    String LITERAL = "literal:";
    String SECRET = "secret:";

    /** How the reference may be shown: a secret reference as it is, a literal one masked. */
    String masked();

    record Literal(String password) implements PasswordRef {
        @Override
        public String masked() {
            return LITERAL + "***";
        }

        @Override
        public String toString() {
            return masked();
        }
    }

    /** A Kubernetes Secret's key; names follow Kubernetes' rules, so nothing else reaches its API. */
    record KubernetesSecret(String namespace, String name, String key) implements PasswordRef {
        @Override
        public String masked() {
            return SECRET + namespace + "/" + name + "#" + key;
        }

        @Override
        public String toString() {
            return masked();
        }
    }

    Pattern SECRET_FORM = Pattern.compile(
            "secret:([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)/([a-z0-9](?:[-a-z0-9.]{0,251}[a-z0-9])?)#([-._A-Za-z0-9]{1,253})");

    /**
     * The parsed reference.
     *
     * @throws IllegalArgumentException for anything else; the message never echoes the text, which
     *                                  may be a password typed into the wrong field
     */
    static PasswordRef parse(@Nullable String ref) {
        if (ref != null && ref.startsWith(LITERAL)) {
            return new Literal(ref.substring(LITERAL.length()));
        }
        if (ref != null) {
            Matcher secret = SECRET_FORM.matcher(ref);
            if (secret.matches()) {
                return new KubernetesSecret(secret.group(1), secret.group(2), secret.group(3));
            }
        }
        throw new IllegalArgumentException("must be secret:<namespace>/<name>#<key> or literal:<password>");
    }

    /** How a reference that may not even parse is shown: never its text unless it is a secret reference. */
    static String mask(String ref) {
        try {
            return parse(ref).masked();
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }
}
